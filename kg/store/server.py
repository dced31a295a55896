"""``kg serve``: the real Oxigraph server, read-only, over a build's store.

We run the ``oxigraph`` program (the PyPI package of the same version as pyoxigraph) with
``serve-read-only``, so the endpoint is Oxigraph's own: SPARQL 1.1 Protocol at ``/query``, its
YASGUI query page at ``/`` (served from the program itself, nothing from the web), updates
refused, and each query cut at the time-out. The default graph is the union of the named
graphs, as in ``kg query``. We bind 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import errno
import ipaddress
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ErrorCode, KGError
from kg.store.disk import is_store

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT_S = 30
_STARTUP_S = 20.0


@dataclass(frozen=True, slots=True)
class Address:
    """Where the server listens."""

    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def is_loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def __str__(self) -> str:
        return self.url.removeprefix("http://")


def parse_bind(text: str) -> Address:
    """``HOST:PORT`` (``[::1]:7878`` for IPv6) as an :class:`Address`, or E015.

    >>> parse_bind("127.0.0.1:7878").url
    'http://127.0.0.1:7878'
    """
    host, separator, port = text.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not separator or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise KGError.of(ErrorCode.E015, address=text,
                         detail="expected HOST:PORT such as 127.0.0.1:7878")
    return Address(host=host, port=int(port))


def serve(store: Path, *, bind: str = DEFAULT_BIND, timeout_s: int = DEFAULT_TIMEOUT_S,
          on_ready: Callable[[Address], None] = lambda address: None) -> int:
    """Run the server until it stops or we are interrupted (Ctrl-C, SIGTERM); return 0.

    Raises E010 without a store, E015 when the address cannot be had, E016 without the
    ``oxigraph`` program. ``on_ready`` is called once the server accepts connections.
    """
    if timeout_s < 1:
        raise ValueError("the server's time-out is whole seconds, at least 1")
    address = parse_bind(bind)
    if not is_store(store):
        raise KGError.of(ErrorCode.E010, path=store)
    program = oxigraph_program()
    _check_free(address)
    command = [program, "serve-read-only", "--location", str(store), "--bind", str(address),
               "--union-default-graph", "--timeout-s", str(timeout_s)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL,  # noqa: S603
                               stderr=subprocess.PIPE)
    log = _ServerLog(process)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        _wait_until_listening(process, address, log)
        log.forward = True
        on_ready(address)
        process.wait()
        if process.returncode != 0:
            raise KGError.of(ErrorCode.E015, address=address, detail=log.first_line(process))
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        _stop(process)
        log.close()
    return 0


class _ServerLog:
    """Drains the server's stderr so it never blocks on a full pipe: kept until the server
    is up (a start-up failure is reported from it), passed on to our stderr after."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: deque[str] = deque(maxlen=50)
        self.forward = False
        self._thread = threading.Thread(target=self._drain, args=(process.stderr,),
                                        daemon=True)
        self._thread.start()

    def _drain(self, stream) -> None:  # noqa: ANN001
        for raw in stream:
            line = raw.decode("utf-8", "replace").rstrip()
            if self.forward:
                print(f"oxigraph: {line}", file=sys.stderr, flush=True)  # noqa: T201
            else:
                self.lines.append(line)

    def first_line(self, process: subprocess.Popen) -> str:
        self._thread.join(timeout=2)
        lines = [line.strip() for line in self.lines if line.strip()]
        return lines[0] if lines else f"the server exited with status {process.returncode}"

    def close(self) -> None:
        self._thread.join(timeout=2)


def oxigraph_program() -> str:
    """The ``oxigraph`` program beside this Python (a virtualenv's ``bin``), else on PATH,
    checked to be the version of pyoxigraph that wrote the store."""
    import pyoxigraph

    program = (shutil.which("oxigraph", path=str(Path(sys.executable).parent))
               or shutil.which("oxigraph"))
    if program is None:
        raise KGError.of(ErrorCode.E016, detail="no `oxigraph` program beside Python or on PATH")
    try:
        version = subprocess.run([program, "--version"], capture_output=True, text=True,  # noqa: S603
                                 timeout=10, check=True).stdout.split()[-1]
    except (OSError, subprocess.SubprocessError, IndexError) as error:
        raise KGError.of(ErrorCode.E016, detail=f"{program} --version failed: {error}") from error
    if version != pyoxigraph.__version__:
        raise KGError.of(ErrorCode.E016, detail=f"{program} is version {version}, pyoxigraph "
                                                f"is {pyoxigraph.__version__}")
    return program


def _check_free(address: Address) -> None:
    family = socket.AF_INET6 if ":" in address.host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((address.host, address.port))
    except OSError as error:
        detail = ("the port is taken by another program" if error.errno == errno.EADDRINUSE
                  else error.strerror or str(error))
        raise KGError.of(ErrorCode.E015, address=address, detail=detail) from error


def _wait_until_listening(process: subprocess.Popen, address: Address, log: _ServerLog) -> None:
    deadline = time.monotonic() + _STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise KGError.of(ErrorCode.E015, address=address, detail=log.first_line(process))
        try:
            with socket.create_connection((address.host, address.port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise KGError.of(ErrorCode.E015, address=address,
                     detail=f"the server did not answer within {_STARTUP_S:g} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
