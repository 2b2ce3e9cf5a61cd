"""Real Syncthing instances for the sync tests (Debian's ``syncthing`` package): each
with its own home, on 127.0.0.1 only (no discovery, relays, NAT or reporting), driven
through its REST API."""

from __future__ import annotations

import json
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def available() -> bool:
    return shutil.which("syncthing") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Syncthing:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.gui_port = _free_port()
        self.sync_port = _free_port()
        self.api_key = secrets.token_hex(16)
        subprocess.run(
            [
                "syncthing",
                "generate",
                f"--home={home}",
                "--no-default-folder",
                "--skip-port-probing",
            ],
            check=True,
            capture_output=True,
        )
        config = home / "config.xml"
        text = config.read_text()
        for tag, value in {
            "listenAddress": f"tcp://127.0.0.1:{self.sync_port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "startBrowser": "false",
            "urAccepted": "-1",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
        }.items():
            text = re.sub(f"<{tag}>[^<]*</{tag}>", f"<{tag}>{value}</{tag}>", text, count=1)
        config.write_text(text)
        self.log = (home / "syncthing.log").open("wb")
        self.proc = subprocess.Popen(
            [
                "syncthing", "serve", f"--home={home}", "--no-browser", "--no-restart",
                "--no-upgrade", f"--gui-address=http://127.0.0.1:{self.gui_port}",
                f"--gui-apikey={self.api_key}",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={"STNODEFAULTFOLDER": "1", "HOME": str(home), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                self.device_id = str(self.get("/rest/system/status")["myID"])
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("syncthing did not start") from None
                time.sleep(0.1)

    def _request(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - localhost
            raw = response.read()
        return json.loads(raw) if raw else None

    def get(self, path: str) -> Any:
        return self._request("GET", path)

    def post(self, path: str, body: Any = None) -> Any:
        return self._request("POST", path, body)

    def add_device(self, other: Syncthing) -> None:
        self.post(
            "/rest/config/devices",
            {
                "deviceID": other.device_id,
                "name": other.home.name,
                "addresses": [f"tcp://127.0.0.1:{other.sync_port}"],
            },
        )

    def share(self, folder_id: str, path: Path, other: Syncthing) -> None:
        self.post(
            "/rest/config/folders",
            {
                "id": folder_id,
                "label": folder_id,
                "path": str(path),
                "type": "sendreceive",
                "devices": [{"deviceID": self.device_id}, {"deviceID": other.device_id}],
                "rescanIntervalS": 2,
                "fsWatcherEnabled": True,
                "fsWatcherDelayS": 1,
            },
        )

    def scan(self, folder_id: str) -> None:
        self.post(f"/rest/db/scan?folder={folder_id}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def wait_for(condition: Any, timeout: float = 30.0) -> float:
    """Seconds until ``condition()`` holds (an AssertionError after ``timeout``)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError("timed out waiting for the folder to sync")
        time.sleep(0.05)
    return time.monotonic() - start
