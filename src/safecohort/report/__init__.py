"""The report stage: the audit report of a build (JSON and HTML) and the hash-chained audit log.

- :mod:`~safecohort.report.audit`: ``AuditReport`` (``to_json``) and ``AuditLog`` (``append``, ``verify``);
- :mod:`~safecohort.report.html`: ``render_html(report)``, one self-contained page.
"""
