"""The published schema says what the API really does: every enum lists the real choices of
the field it describes, no two classes share a component, every operation states whether it
works anonymously and documents its error answers."""

import enum
import json
import types
import typing
from typing import Any

import pytest
from django.db import models
from pydantic import BaseModel

from quartier.api.api import api
from quartier.api.openapi import _operations
from quartier.api.tests.test_api import _assert_error_format

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def published():
    from django.test import Client

    return Client().get("/api/v1/openapi.json").json()


def _resolve(schema: dict[str, Any], node: Any, seen: frozenset = frozenset()) -> Any:
    """`node` with every $ref replaced by the component it names."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref and ref not in seen:
            name = ref.rsplit("/", 1)[-1]
            return _resolve(schema, schema["components"]["schemas"][name], seen | {ref})
        return {key: _resolve(schema, value, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(schema, value, seen) for value in node]
    return node


def _enums(node: Any) -> list[list[Any]]:
    """Every enum list in a resolved schema node."""
    found = []
    if isinstance(node, dict):
        if "enum" in node:
            found.append(sorted(node["enum"], key=str))
        for value in node.values():
            found.extend(_enums(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_enums(value))
    return found


def _choices(annotation: Any) -> list[type[enum.Enum]]:
    """The enum classes in a field's type (`Kind | None`, `list[Kind]`, …)."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _choices(typing.get_args(annotation)[0])
    if origin is not None or isinstance(annotation, types.UnionType):
        return [e for arg in typing.get_args(annotation) for e in _choices(arg)]
    return []


def _fields_with_choices(model: type[BaseModel]) -> dict[str, list[type[enum.Enum]]]:
    result = {}
    for name, field in model.model_fields.items():
        found = _choices(field.annotation)
        if found:
            result[field.alias or name] = found
    return result


def _models_of(operation: Any) -> list[tuple[str, type[BaseModel]]]:
    """(where, model) of each parameter model and each response model of an operation."""
    result = []
    for params in operation.models:
        source = getattr(params, "__ninja_param_source__", "body")
        for field in params.model_fields.values():
            inner = field.annotation
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                result.append((source, inner))
            elif source != "body":
                result.append((source, params))
                break
    for status, model in operation.response_models.items():
        if isinstance(model, type) and issubclass(model, BaseModel) and status != Ellipsis:
            response = model.model_fields["response"].annotation
            for candidate in [response, *typing.get_args(response)]:
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    result.append((str(status), candidate))
    return result


def test_every_enum_lists_the_real_choices_of_its_field(published):
    checked = set()
    operations = _operations(api)
    for path, item in published["paths"].items():
        for method, details in item.items():
            operation = operations[details["operationId"]]
            for where, model in _models_of(operation):
                for field, classes in _fields_with_choices(model).items():
                    expected = sorted(
                        [sorted((m.value for m in c), key=str) for c in classes], key=str
                    )
                    if where in ("query", "path"):
                        params = {p["name"]: p for p in details.get("parameters", [])}
                        if field not in params:
                            continue  # flattened away (nested filter schemas)
                        node = params[field]["schema"]
                    elif where == "body":
                        body = details["requestBody"]["content"]
                        node = next(iter(body.values()))["schema"]
                        node = _resolve(published, node).get("properties", {}).get(field)
                    else:
                        content = details["responses"][where].get("content", {})
                        node = _resolve(published, next(iter(content.values()))["schema"])
                        node = node.get("items", node)  # lists and pages
                        if "properties" in node and "items" in node["properties"]:
                            node = node["properties"]["items"].get("items", node)
                        node = node.get("properties", {}).get(field)
                    if node is None:
                        continue
                    assert sorted(_enums(_resolve(published, node)), key=str) == expected, (
                        f"{method.upper()} {path} {where} {model.__name__}.{field}"
                    )
                    for c in classes:
                        if issubclass(c, models.Choices):
                            checked.add(f"{c.__module__}.{c.__qualname__}")
    # the choices that used to be merged are among those checked
    for name in [
        "quartier.knowledge.models.Article.Kind",
        "quartier.alliances.models.Agreement.Kind",
        "quartier.alliances.models.Alliance.Status",
        "quartier.events.models.ActionItem.Status",
        "quartier.knowledge.models.Article.Status",
        "quartier.actors.models.Tie.Status",
    ]:
        assert name in checked, name


def test_no_two_schema_classes_share_a_component_name(published):
    names = set(published["components"]["schemas"])
    assert {"ArticleKind", "AgreementKind", "AllianceStatus"} <= names
    assert {"ArticleVersionOut", "AgreementVersionOut"} <= names
    assert not {"Kind", "Status", "VersionOut"} & names


def test_every_operation_states_authentication_and_documents_its_errors(published):
    operations = 0
    for path, item in published["paths"].items():
        for method, details in item.items():
            operations += 1
            security = details.get("security", [])
            assert details["x-anonymous"] == ({} in security or not security), (method, path)
            expected = {"403", "404", "422"} | ({"401"} if details.get("security") else set())
            assert expected <= set(details["responses"]), (method, path)
            for status in expected:
                schema = details["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}
    assert operations > 70
    paths = published["paths"]
    assert paths["/api/v1/actors"]["get"]["x-anonymous"] is True
    assert paths["/api/v1/actors"]["post"]["x-anonymous"] is False
    assert {} not in paths["/api/v1/actors"]["post"]["security"]
    assert paths["/api/v1/me"]["get"]["x-anonymous"] is False


def test_a_documented_error_answer_matches_the_error_schema(client, published):
    error = published["components"]["schemas"]["Error"]["properties"]["error"]
    response = client.get("/api/v1/me")
    _assert_error_format(response, 401, "not_authenticated")
    assert set(response.json()["error"]) == set(error["required"])


def test_the_published_schema_names_no_key_twice(db, client):
    """Swagger UI refuses a schema with a repeated key ("duplicated mapping key"), as an
    operation's responses had when both ninja (401) and Quartier ("401") documented one."""
    repeated: list[list[str]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in items]
        if len(keys) != len(set(keys)):
            repeated.append(keys)
        return dict(items)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert repeated == []
