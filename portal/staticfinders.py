"""Serve plotly's JavaScript from the installed package (no CDN) as
``static/plotly/plotly.min.js``."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

DIRECTORY = Path(plotly.__file__).parent / "package_data"
NAME = "plotly.min.js"
PREFIX = "plotly"


class PlotlyFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path == f"{PREFIX}/{NAME}":
            found = str(DIRECTORY / NAME)
            return [found] if find_all else found
        return []

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=DIRECTORY)
        storage.prefix = PREFIX
        yield NAME, storage
