"""Format readers: bytes of one kind (text, markdown, HTML, PDF, Word) to lines.

Each reader returns ``Line`` objects (text plus a heading flag); the shared
``kg.readers.normalise.assemble`` turns them into the ``Document.text`` the
parser sees, so every kind is cleaned by exactly the same rules.
``kg.documents`` picks the reader by sniffing the content.
"""


class FormatError(ValueError):
    """A reader's verdict that the bytes are not readable minutes; the message is the reason."""
