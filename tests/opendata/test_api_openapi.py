"""The API's OpenAPI document is valid OpenAPI and documents every endpoint, every
parameter (with what it means) and every error answer the API gives."""

import pytest
from openapi_spec_validator import validate

from regions.explorer.filters import FILTER_NAMES

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ms", "zh-hans", "vi", "th", "pt", "es"]
ENDPOINTS = {
    "/api/v1/pairings": {*FILTER_NAMES, "lang", "page", "page_size"},
    "/api/v1/pairings/{id}": {"id", "lang"},
    "/api/v1/places": {"country", "lang", "page", "page_size"},
    "/api/v1/places/{id}": {"id", "lang"},
    "/api/v1/regions": {"lang"},
    "/api/v1/themes": {"lang"},
    "/api/v1/phases": {"lang"},
}


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_the_document_is_valid_openapi(spec):
    validate(spec)
    assert spec["info"]["title"] == "IURC pairings API"
    assert spec["info"]["version"] == "1"


def test_every_endpoint_parameter_and_error_is_documented(spec):
    assert set(spec["paths"]) == set(ENDPOINTS)
    for path, parameters in ENDPOINTS.items():
        operations = spec["paths"][path]
        assert set(operations) == {"get"}, path
        operation = operations["get"]
        documented = {
            parameter["name"]: parameter for parameter in operation["parameters"]
        }
        assert set(documented) == parameters, path
        for name, parameter in documented.items():
            assert parameter.get("description", "").strip(), (path, name)
        assert documented["lang"]["schema"]["enum"] == LANGUAGES
        errors = {"400", "429", "500"} | ({"404"} if "{id}" in path else set())
        assert set(operation["responses"]) == {"200", *errors}, path
        for status in errors:
            schema = operation["responses"][status]["content"]["application/json"][
                "schema"
            ]
            assert schema == {"$ref": "#/components/schemas/Error"}, (path, status)


def test_the_error_shape_is_the_one_the_api_sends(client, spec):
    error = spec["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    detail = spec["components"]["schemas"]["ErrorDetail"]
    assert set(detail["properties"]) == {"parameter", "message"}
    body = client.get("/api/v1/pairings?page=0").json()
    assert set(body) == {"error"} and set(body["error"]) == {"parameter", "message"}
