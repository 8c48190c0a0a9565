"""The ingest stage: files, folders, archives and tables in, articles (or problems) out."""

from onrecord.ingest.html import parse_html
from onrecord.ingest.inputs import count_inputs, read_inputs
from onrecord.ingest.problems import Problem
from onrecord.ingest.text import parse_text

__all__ = ["Problem", "count_inputs", "parse_html", "parse_text", "read_inputs"]
