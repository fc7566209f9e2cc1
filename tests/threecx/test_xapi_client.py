"""The XAPI client against the simulator over sockets: tokens, the 401 retry, paging, faults."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import httpx
import pytest

from desktop.demo.simulators.threecx import CLIENT_SECRET, ThreecxSimulator
from desktop.threecx.client import XapiClient
from desktop.threecx.errors import (
    XapiAuthError,
    XapiForbiddenError,
    XapiNotFoundError,
    XapiUnavailableError,
)
from desktop.threecx.models import QueueStatus
from tests.threecx.xapi_support import SP, FakeMonotonic, settings_for


async def test_the_probe_reads_licence_and_version(xapi: XapiClient) -> None:
    licence = await xapi.licence()
    assert licence.enterprise and licence.version.startswith("20.0.10")
    assert xapi.tokens.fetches == 1


async def test_a_token_is_reused_until_near_expiry_then_refreshed_early(
        xapi: XapiClient, pbx: ThreecxSimulator, clock: FakeMonotonic) -> None:
    pbx.set_token_lifetime(600)
    await xapi.user("201")
    clock.now += 400                       # 200 s left of 600: more than a fifth, reused
    await xapi.user("201")
    assert pbx.tokens_issued == 1
    clock.now += 90                        # 110 s left: under a fifth (120 s), refreshed first
    await xapi.user("201")
    assert pbx.tokens_issued == 2
    assert [p for m, p in pbx.requests if p == "/connect/token"] == ["/connect/token"] * 2


async def test_a_401_fetches_a_new_token_and_retries_once(
        xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    await xapi.user("201")
    pbx.expire_now()                       # the PBX's clock disagrees with ours
    user = await xapi.user("202")
    assert user.number == "202"
    assert pbx.tokens_issued == 2
    paths = [p for _, p in pbx.requests]
    assert paths[-3:] == ["/xapi/v1/Users", "/connect/token", "/xapi/v1/Users"]


async def test_another_desk_taking_the_one_active_token_is_survived(
        xapi: XapiClient, pbx: ThreecxSimulator, clock: FakeMonotonic) -> None:
    other = XapiClient(settings_for(pbx), monotonic=clock, timeout_s=5.0)
    try:
        await xapi.user("201")
        await other.user("201")            # revokes xapi's token (one per API client)
        assert (await xapi.user("203")).number == "203"
    finally:
        await other.aclose()


async def test_a_401_after_the_retry_is_an_auth_error_in_portuguese(
        pbx: ThreecxSimulator, clock: FakeMonotonic) -> None:
    client = XapiClient(settings_for(pbx, secret="wrong"), monotonic=clock, timeout_s=5.0)
    try:
        with pytest.raises(XapiAuthError, match="recusou o Client ID"):
            await client.licence()
    finally:
        await client.aclose()


async def test_no_xapi_licence_is_said_plainly(xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    pbx.faults.no_xapi = True
    with pytest.raises(XapiAuthError) as caught:
        await xapi.licence()
    assert "chave de API" in str(caught.value)


async def test_queue_status_is_read_and_written(xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    user = await xapi.user("201")
    assert user.queue_status is QueueStatus.LOGGED_IN
    await xapi.set_queue_status(user.id, QueueStatus.LOGGED_OUT)
    assert pbx.user("201")["QueueStatus"] == "LoggedOut"
    assert (await xapi.user("201")).queue_status is QueueStatus.LOGGED_OUT
    with pytest.raises(XapiNotFoundError):
        await xapi.user("999")


async def test_collections_page_by_100_with_top_and_skip(
        xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    start = datetime(2026, 3, 4, 8, tzinfo=SP)
    for i in range(230):
        pbx.add_recording(extension="201", remote="+5511987650000", seconds=30,
                          start=start + timedelta(minutes=i))
    found = await xapi.recordings(start, start + timedelta(days=1), "201")
    assert [r.id for r in found] == sorted(r.id for r in found) and len(found) == 230
    pages = [p for _, p in pbx.requests if p == "/xapi/v1/Recordings"]
    assert len(pages) == 3                 # 100 + 100 + 30: XAPI rejects $top above 100


async def test_recordings_filter_by_extension_and_time(
        xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    at = datetime(2026, 3, 4, 10, tzinfo=SP)
    mine = pbx.add_recording(extension="201", remote="+5511987654321", start=at, seconds=60)
    pbx.add_recording(extension="202", remote="+5511987654321", start=at, seconds=60)
    pbx.add_recording(extension="201", remote="+5511987654321", start=at - timedelta(days=2),
                      seconds=60, inbound=False)
    found = await xapi.recordings(at - timedelta(hours=1), at + timedelta(hours=1), "201")
    assert [r.id for r in found] == [mine]
    assert found[0].to_dn == "201" and found[0].from_number == "+5511987654321"
    assert found[0].duration == timedelta(seconds=60)


async def test_a_recording_downloads_as_wav_and_a_missing_one_is_not_found(
        xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    rec = pbx.add_recording(extension="201", remote="+5511987654321",
                            start=datetime(2026, 3, 4, 10, tzinfo=SP), seconds=5)
    data = await xapi.download_recording(rec)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    with pytest.raises(XapiNotFoundError, match="não encontrou"):
        await xapi.download_recording(rec + 50)


async def test_a_weak_role_gets_a_403_explained(xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    pbx.faults.admin_role = True
    start = datetime(2026, 3, 1, tzinfo=SP)
    with pytest.raises(XapiForbiddenError, match="System Owner"):
        await xapi.agents_in_queue("800", start, start + timedelta(days=3))


async def test_a_range_too_large_answers_504_and_asks_for_a_shorter_period(
        xapi: XapiClient, pbx: ThreecxSimulator) -> None:
    pbx.faults.max_range_days = 2
    start = datetime(2026, 3, 1, tzinfo=SP)
    with pytest.raises(XapiUnavailableError, match="período menor"):
        await xapi.agents_in_queue("800", start, start + timedelta(days=3))
    assert await xapi.agents_in_queue("800", start, start + timedelta(days=1))


async def test_a_network_failure_is_said_without_a_traceback(clock: FakeMonotonic) -> None:
    from desktop.settings.model import ThreecxSettings

    settings = ThreecxSettings(url="http://127.0.0.1:9", client_id="x", client_secret="y")
    client = XapiClient(settings, monotonic=clock, timeout_s=2.0)
    try:
        with pytest.raises(XapiUnavailableError, match="Não foi possível falar com o 3CX"):
            await client.licence()
    finally:
        await client.aclose()


async def test_neither_secret_nor_token_reaches_the_logs(
        xapi: XapiClient, pbx: ThreecxSimulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await xapi.user("201")
    pbx.expire_now()
    await xapi.user("201")
    pbx.faults.admin_role = True
    with pytest.raises(XapiForbiddenError):
        await xapi.agents_in_queue("800", datetime(2026, 3, 1, tzinfo=SP),
                                   datetime(2026, 3, 2, tzinfo=SP))
    assert pbx.state.active_token
    text = caplog.text + repr(xapi.tokens)
    assert "HTTP 401" in caplog.text or "401" in caplog.text
    assert CLIENT_SECRET not in text and pbx.state.active_token not in text


def test_the_simulator_accepts_a_multipart_token_request(pbx: ThreecxSimulator) -> None:
    reply = httpx.post(pbx.url + "/connect/token", files={
        "client_id": (None, "ramal-api"), "client_secret": (None, CLIENT_SECRET),
        "grant_type": (None, "client_credentials")})
    assert reply.status_code == 200 and reply.json()["token_type"] == "Bearer"
    assert reply.json()["refresh_token"] is None
    unauth = httpx.get(pbx.url + "/xapi/v1/Users")
    assert unauth.status_code == 401 and unauth.content == b""
