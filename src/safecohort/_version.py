"""The package version, in a module of its own so that any layer may read it without importing the
package's public API (which reaches the builder)."""

__version__ = "0.1.0"
