"""A Spark standalone cluster (one master, one worker) on 127.0.0.1 for the cluster test tier.

Master and worker are the classes the PySpark package ships (`bin/spark-class`), started as
separate JVMs in their own process group, with ports chosen at run time and work and log
directories in a private temporary directory. `stop()` kills both process groups.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 120.0
"""Seconds master and worker may take to come up on a busy machine."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


@dataclass
class Cluster:
    directory: Path
    port: int = field(default_factory=free_port)
    ui_port: int = field(default_factory=free_port)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"spark://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            SPARK_HOME=str(spark_home()),
            SPARK_LOCAL_IP="127.0.0.1",
            SPARK_LOCAL_DIRS=str(self.directory / "local"),
            SPARK_WORKER_DIR=str(self.directory / "work"),
            SPARK_LOG_DIR=str(self.directory / "logs"),
            SPARK_PID_DIR=str(self.directory / "pids"),
            PYSPARK_PYTHON=sys.executable,
        )
        return env

    def _spawn(self, name: str, args: list[str]) -> None:
        log = (self.directory / f"{name}.log").open("wb")
        cmd = [str(spark_home() / "bin" / "spark-class"), *args]
        # own session = own process group: stop() kills the JVM and the launcher shell
        proc = subprocess.Popen(
            cmd, env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.processes.append(proc)

    def log(self) -> str:
        return "\n".join(
            f"--- {p.name}\n" + p.read_text(errors="replace")[-3000:]
            for p in sorted(self.directory.glob("*.log"))
        )

    def _status(self) -> dict[str, object] | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.ui_port}/json/", timeout=2) as r:
                status: dict[str, object] = json.load(r)
                return status
        except (OSError, ValueError):
            return None

    def _wait(self, what: str, ready: object) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            for proc in self.processes:
                if proc.poll() is not None:
                    raise RuntimeError(f"{what}: Prozess beendet\n{self.log()}")
            if callable(ready) and ready():
                return
            time.sleep(0.5)
        raise RuntimeError(f"{what}: nach {START_TIMEOUT:.0f} s nicht bereit\n{self.log()}")

    def start(self) -> None:
        for sub in ("local", "work", "logs", "pids"):
            (self.directory / sub).mkdir(parents=True, exist_ok=True)
        self._spawn(
            "master",
            [
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--webui-port",
                str(self.ui_port),
            ],
        )
        self._wait("Spark-Master", lambda: self._status() is not None)
        self._spawn(
            "worker",
            [
                "org.apache.spark.deploy.worker.Worker",
                self.url,
                "--host",
                "127.0.0.1",
                "--port",
                str(free_port()),
                "--webui-port",
                str(free_port()),
                # two executors of 1 core and 512 MB: the tests' session and a spark-submit
                "--cores",
                "2",
                "--memory",
                "1g",
                "--work-dir",
                str(self.directory / "work"),
            ],
        )

        def worker_alive() -> bool:
            status = self._status() or {}
            return int(str(status.get("aliveworkers", 0))) >= 1

        self._wait("Spark-Worker", worker_alive)

    def stop(self) -> None:
        for proc in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in reversed(self.processes):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        self.processes.clear()
