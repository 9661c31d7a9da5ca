"""Generate the human page of the ontology: ``python -m kg.docs [OUT_DIR]``.

Renders ``ontology/governance.ttl`` with pyLODE (``pip install -e '.[docs]'``)
to ``docs/ontology/index.html``; run it again after editing the ontology.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kg.resources import ontology_dir

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "docs" / "ontology"


def build_ontology_page(out_dir: Path = DEFAULT_OUT) -> Path:
    """Write ``index.html`` for the governance ontology into ``out_dir``; returns its path."""
    try:
        from pylode import OntPub
    except ImportError as exc:
        raise SystemExit(f"kg.docs: pyLODE is needed ({exc}); install it with: pip install -e '.[docs]'") from exc
    logging.getLogger().setLevel(logging.WARNING)
    html = OntPub(ontology=str(ontology_dir() / "governance.ttl")).make_html()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    target.write_text(html, encoding="utf-8")
    return target


if __name__ == "__main__":
    print(build_ontology_page(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
