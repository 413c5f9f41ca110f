"""agencygraph: who leads and who supports in Chinese policy plans, as networks."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("agencygraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
