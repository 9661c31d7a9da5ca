"""Minutes written for the robustness suite, and a hostile twin carrying markup payloads.

The layout is an ordinary district partnership's: header, "Present:" and
"Apologies:" lists, numbered items, RESOLVED decisions with money and a
programme, and actions. The hostile twin puts HTML/JS payloads where the
parser lifts names, organisations, programmes and decision text from.
"""

from __future__ import annotations

CLEAN = """Wyvernshire Community Safety Partnership

Minutes of the meeting held at Riverside House, Wyvern on Tuesday 14 March 2023 at 2.00 pm

Present:
Councillor Helen Marsh (Chair), Wyvern District Council
Superintendent Owen Pryce, Wyvernshire Police
Dr Leila Haddad, Wyvernshire Clinical Commissioning Group
Martin Crowe, Wyvern Housing Trust

Apologies:
Councillor Ravi Shah, Wyvern District Council

1. Minutes of the last meeting
RESOLVED that the minutes of the meeting held on 13 December 2022 be approved as a correct record.

2. Safer Streets Fund
Owen Pryce presented the report on the One Public Estate bid and the Safer Streets Fund.
RESOLVED that £45,000 be allocated to the Safer Streets Fund for street lighting.
Action: Owen Pryce to circulate the bid to partners by 30 April 2023.

3. Date of next meeting
RESOLVED that the next meeting be held on 13 June 2023.
"""

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"onmouseover="alert(1)',
    "</script>",
)

HOSTILE = """Wyvernshire <script>alert(1)</script> Partnership

Minutes of the meeting held at <img src=x onerror=alert(1)> House, Wyvern on Tuesday 14 March 2023 at 2.00 pm

Present:
Councillor Helen Marsh (Chair), Wyvern <script>alert(1)</script> District Council
Superintendent Owen "onmouseover="alert(1)" Pryce, Wyvernshire </script> Police
Dr Leila Haddad, <img src=x onerror=alert(1)> Clinical Commissioning Group
Martin Crowe, Wyvern Housing Trust "onmouseover="alert(1)

Apologies:
Councillor Ravi Shah, </script><script>alert(1)</script> Council

1. Minutes of the last meeting
RESOLVED that the minutes of the meeting held on 13 December 2022 be approved as a correct record.

2. Safer Streets <script>alert(1)</script> Fund
Owen Pryce presented the report on the One Public Estate bid and the <img src=x onerror=alert(1)> Programme.
RESOLVED that £45,000 be allocated to the <script>alert(1)</script> Programme for "onmouseover="alert(1)" lighting.
Action: Owen Pryce to circulate the </script> bid to partners by 30 April 2023.

3. Date of next meeting
RESOLVED that the next meeting be held on 13 June 2023.
"""

# A document that names many outside resources: none of them may ever be fetched.
LINKY_HTML = """<!doctype html>
<html><head><title>Minutes</title>
<link rel="stylesheet" href="https://evil.example/style.css">
<script src="http://evil.example/x.js"></script>
<meta http-equiv="refresh" content="0; url=http://evil.example/">
</head><body>
<main>
<h1>Wyvernshire Community Safety Partnership</h1>
<p>Minutes of the meeting held at Riverside House on Tuesday 14 March 2023.</p>
<p>Present: Councillor Helen Marsh (Chair), Wyvern District Council; Martin Crowe, Wyvern Housing Trust</p>
<img src="http://evil.example/pixel.gif">
<iframe src="https://evil.example/frame"></iframe>
<object data="http://evil.example/o.swf"></object>
<p>See <a href="https://evil.example/report.pdf">the report</a> at http://evil.example/report and
https://evil.example/agenda?x=1 (also www.evil.example).</p>
<h2>1. Safer Streets Fund</h2>
<p>RESOLVED that £45,000 be allocated, see http://evil.example/decision.</p>
<p>Action: Martin Crowe to read https://evil.example/brief.</p>
</main></body></html>
"""
