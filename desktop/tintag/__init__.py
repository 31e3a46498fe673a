"""TinTag: annotate Vietnamese news articles and export training datasets."""
from importlib import metadata

try:
    __version__ = metadata.version("tintag")
except metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"
