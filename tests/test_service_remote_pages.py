"""Past one machine: the remote engine serves the same resource pages, network and
explorer as the embedded one, from a real `oxigraph serve` loaded by `hzkg load`."""
from __future__ import annotations

import pytest

from service_fixtures import http

BROWSER = {"Accept": "text/html"}


@pytest.mark.parametrize("path", ["/id/zone/hangzhou-etdz.nt", "/id/industry/automotive.nt", "/def/Zone.nt"])
def test_resource_descriptions_are_the_same(server, remote_server, path):
    embedded, remote = server.get(path), remote_server.get(path)
    assert embedded.status == remote.status == 200
    assert sorted(remote.text.splitlines()) == sorted(embedded.text.splitlines())
    assert len(embedded.text.splitlines()) > 5


def test_a_zone_page_reads_the_same(server, remote_server):
    embedded = server.get("/id/zone/hangzhou-etdz", headers=BROWSER)
    remote = remote_server.get("/id/zone/hangzhou-etdz", headers=BROWSER)
    assert remote.status == 200 and "<h1>杭州经济技术开发区" in remote.text
    assert remote.text == embedded.text


@pytest.mark.parametrize("path", ["/network", "/network/shared-industries", "/network/centrality?measure=degree"])
def test_network_analyses_are_the_same(server, remote_server, path):
    embedded, remote = server.get(path), remote_server.get(path)
    assert embedded.status == remote.status == 200, remote.text[:300]
    assert remote.json() == embedded.json()


def test_the_explorer_and_the_catalogue_open(remote_server):
    for path in ("/explore", "/queries", "/search?q=%E6%B1%BD%E8%BD%A6"):
        answer = http(remote_server.url + path, headers=BROWSER)
        assert answer.status == 200, path
        assert "<html" in answer.text.lower()
