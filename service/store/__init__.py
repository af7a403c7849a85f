"""The SQL behind the API: one module per resource, no HTTP in here.

Every public function that writes expects to run inside
:func:`service.db.transaction`; the callers open it, so one request is one
transaction however many rows it touches.
"""
