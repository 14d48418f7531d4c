"""Engines that run the build somewhere other than one pandas process.

Each engine maps the builder's per-batch functions over its own partitions and merges what they return;
it adds no de-identification logic of its own, so its output equals the pandas engine's. Only
:mod:`safecohort.engines.spark` exists; it needs the ``spark`` extra (``pip install 'safecohort[spark]'``)
and a Java 17+ runtime, and is imported only when asked for.
"""
