"""The published OpenAPI schema, made exact in one place:

- Unique component names. django-ninja merges the JSON schemas of all models into one set of
  components keyed by class name, so two classes of the same name (`Article.Kind` and
  `SearchKind`'s `Kind`, two `VersionOut`) silently became one. Choices nested in a model are
  named after model and class (`ArticleKind`, `AllianceStatus`); any other clash of two
  different definitions under one name stops the schema from being built.
- Authentication: an operation that works without login lists the empty requirement `{}`
  among its security requirements (and says so in its description); the others do not.
- Error answers: every operation documents 401 (not for the few without any authentication),
  403, 404 and 422 in the common error format (quartier/api/errors.py).
"""

import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from ninja import NinjaAPI
from ninja.openapi import schema as ninja_openapi
from ninja.schema import NinjaGenerateJsonSchema
from pydantic.json_schema import CoreModeRef, CoreRef, DefsRef

from quartier.api.auth import AnonymousAllowed

_PLAIN_REF = re.compile(r"^[\w.]+:\d+$")
# Top-level classes whose own name says too little in a schema shared by all apps.
RENAMED = {
    "quartier.projects.models.Phase": "quartier.projects.models.ProjectPhase",
}
ERROR_COMPONENT = "Error"
ERROR_STATUSES = {
    400: "The request could not be understood (for example a body that is not JSON).",
    401: "Not authenticated: a token is missing or invalid.",
    403: "Permission denied.",
    404: "Not found (or not visible to the caller).",
    422: "Invalid input: `details` names each field and its problem.",
    429: 'Too many requests (README, "Limits"): wait as many seconds as `Retry-After` says.',
}


class QuartierJsonSchema(NinjaGenerateJsonSchema):
    """Names a class nested in another one (a model's `Kind` choices) by both class names."""

    def get_defs_ref(self, core_mode_ref: CoreModeRef) -> DefsRef:
        core_ref, mode = core_mode_ref
        if _PLAIN_REF.match(core_ref):
            path, ident = core_ref.rsplit(":", 1)
            path = RENAMED.get(path, path)
            parts = path.split(".")
            classes = [part for part in parts if part[:1].isupper()]
            if len(classes) > 1 and parts[-len(classes) :] == classes:
                module = parts[: -len(classes)]
                path = ".".join([*module, "".join(classes)])
            core_ref = CoreRef(f"{path}:{ident}")
        return super().get_defs_ref((core_ref, mode))


class QuartierOpenAPISchema(ninja_openapi.OpenAPISchema):
    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            known = self.schemas.get(name)
            if known is not None and known != definition:
                raise ImproperlyConfigured(
                    f"Two different API schemas are both named {name!r}; rename one."
                )
        super().add_schema_definitions(definitions)


# django-ninja looks its JSON schema generator up in this module when it builds a schema;
# ours only changes names, so every other use of ninja stays as it was.
ninja_openapi.NinjaGenerateJsonSchema = QuartierJsonSchema  # type: ignore[misc]


def _error_schema() -> dict[str, Any]:
    message = {
        "type": "object",
        "properties": {"de": {"type": "string"}, "en": {"type": "string"}},
        "required": ["de", "en"],
    }
    return {
        "title": ERROR_COMPONENT,
        "description": "The common error format of the Quartier API.",
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "status": {"type": "integer"},
                    "code": {"type": "string"},
                    "message": message,
                    "details": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"field": {"type": "string"}, "message": message},
                            "required": ["field", "message"],
                        },
                    },
                },
                "required": ["status", "code", "message", "details"],
            }
        },
        "required": ["error"],
    }


def _operations(api: NinjaAPI) -> dict[str, Any]:
    """The ninja operations (bound: with the authentication they inherit) by operation id."""
    result = {}
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                result[api.get_openapi_operation_id(operation)] = operation
    return result


def complete_schema(api: NinjaAPI, schema: dict[str, Any]) -> dict[str, Any]:
    """Adds the authentication statement and the error answers to every operation."""
    schema["components"]["schemas"][ERROR_COMPONENT] = _error_schema()
    error_ref = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    operations = _operations(api)
    for path_item in schema["paths"].values():
        for method, details in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            operation = operations[details["operationId"]]
            callbacks = operation.auth_callbacks
            anonymous = not callbacks or any(isinstance(a, AnonymousAllowed) for a in callbacks)
            if anonymous:
                details["security"] = [*details.get("security", []), {}] if callbacks else []
                note = "Works without authentication (more is shown to members)."
            else:
                note = "Needs authentication: a token or a logged-in session."
            details["description"] = f"{details.get('description', '').rstrip()}\n\n{note}".strip()
            details["x-anonymous"] = anonymous
            responses = details.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                if status == 401 and not callbacks:
                    continue  # no authentication is checked at all: never a 401
                responses.pop(status, None)  # ninja's own key is the number: one key each
                responses[str(status)] = {
                    "description": description,
                    "content": {"application/json": {"schema": error_ref}},
                }
    return schema


class QuartierNinjaAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> ninja_openapi.OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = QuartierOpenAPISchema(api=self, path_prefix=path_prefix)
        complete_schema(self, schema)
        return schema
