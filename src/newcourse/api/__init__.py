"""The JSON API under /api/v1/: what the pages do, for programs, with the same permission checks.

Plain Django views (`views`), authenticated by session or by a bearer token (`auth`, `tokens`),
described in OpenAPI 3.1 (`openapi`). Like the pages, the views only parse, call an `access_*`
function, a selector or a service, and render (`render`).
"""
