"""Property-based fuzzing of the service's own OpenAPI description with schemathesis: no 5xx."""

from __future__ import annotations

import time

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from app.localserver import LocalServer
from tests.conftest import RawApi
from tests.localserver.helpers import Storage

pytestmark = pytest.mark.timeout(180)

EXAMPLES_PER_OPERATION = 20
BUDGET_SECONDS = 60.0


def test_openapi_document_is_served(server: LocalServer) -> None:
    response = requests.get(f"{server.url}/openapi.json", timeout=10)
    assert response.status_code == 200
    document = response.json()
    assert str(document["openapi"]).startswith("3.")
    paths = set(document["paths"])
    for expected in (
        "/v1.0/oauth2/accessToken",
        "/v1.0/storage/spaces/{spaceId}/dentries",
        "/v1.0/storage/spaces/{spaceId}/files/commit",
        "/v2.0/storage/dentries/search",
        "/koodrive/ose/v1/document/thumbnail",
    ):
        assert expected in paths, sorted(paths)


def test_no_operation_answers_with_a_server_error(server: LocalServer, api: RawApi) -> None:
    storage = Storage(api)
    # Give the fuzzer something real to stumble on: a space, a folder and a file with ids 1, 2, 3…
    space_id = storage.new_space_id("fuzz")
    folder = storage.add_folder(space_id, "folder")
    storage.upload(space_id, "file.txt", b"fuzz", parent_id=folder["id"])

    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    headers = {"x-acs-dingtalk-access-token": api.token or ""}
    session = requests.Session()
    failures: list[str] = []
    operations = 0
    started = time.monotonic()

    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        query_names = {parameter.name for parameter in operation.query}
        path_names = {parameter.name for parameter in operation.path_parameters}
        # Free generation in both modes, then valid-looking calls aimed at the real space.
        anchored_query = {n: "local-user" for n in ("unionId", "operatorId") if n in query_names}
        anchored_path = {"spaceId": space_id} if "spaceId" in path_names else {}
        variants = [
            (GenerationMode.POSITIVE, {}, {}),
            (GenerationMode.NEGATIVE, {}, {}),
            (GenerationMode.POSITIVE, anchored_query, anchored_path),
        ]
        for mode, query, path in variants:
            if time.monotonic() - started > BUDGET_SECONDS:
                break
            strategy = operation.as_strategy(
                generation_mode=mode, query=query or None, path_parameters=path or None
            )

            @settings(
                max_examples=max(1, EXAMPLES_PER_OPERATION // len(variants)),
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.generate],
                report_multiple_bugs=False,
            )
            @given(case=strategy)
            def exercise(case: schemathesis.Case) -> None:
                response = case.call(base_url=server.url, session=session, headers=headers, timeout=15)
                case.validate_response(response, checks=[not_a_server_error])

            try:
                exercise()
            except (Exception, BaseExceptionGroup) as error:  # schemathesis raises a FailureGroup
                label = f"{operation.label} [{mode.value}{' anchored' if query or path else ''}]"
                failures.append(f"{label}: {str(error)[:1500]}")

    elapsed = time.monotonic() - started
    assert operations >= 20, f"only {operations} operations described"
    assert not failures, "\n\n".join(failures)
    assert elapsed < BUDGET_SECONDS + 30
