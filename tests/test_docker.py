"""Docker cannot run on the build machines, so the image is checked from outside: every file it
copies exists, it runs as a non-root user with its data in a volume and a HEALTHCHECK, and the
commands it and compose.yaml run (the build-time training, serve, the health check, the scheduler)
work when run here, the way the container would run them."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import tomllib

import pytest

from tests.procs import ROOT, free_port

pytestmark = pytest.mark.process
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def instructions(name: str) -> list[str]:
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in text.splitlines() if line.startswith(name + " ")]


def exec_form(value: str) -> list[str]:
    return json.loads(value[value.index("["):])


def compose() -> dict:
    """compose.yaml is simple YAML; read the few fields the test needs without a YAML library."""
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    services, current = {}, None
    for line in text.splitlines():
        if re.match(r"^  [a-z]+:$", line):
            current = services.setdefault(line.strip()[:-1], {"environment": {}})
        elif current is not None and line.strip().startswith("command:"):
            current["command"] = json.loads(line.split(":", 1)[1])
        elif current is not None and re.match(r"^      [A-Z_]+: ", line):
            key, value = line.strip().split(": ", 1)
            current["environment"][key] = value.split("#")[0].strip().strip('"')
    return services


def test_the_image_is_slim_unprivileged_with_a_volume_and_a_healthcheck():
    assert re.match(r"python:3\.11-slim", instructions("FROM")[0])
    assert instructions("USER") == ["unionbot"]
    assert exec_form(instructions("VOLUME")[0]) == ["/data"]
    env = dict(re.findall(r"(UNIONBOT_[A-Z_]+)=(\S+)", " ".join(instructions("ENV"))))
    assert env["UNIONBOT_BOT_DATABASE"].startswith("/data/")
    assert "healthcheck" in instructions("HEALTHCHECK")[0] and "/healthz" in instructions("HEALTHCHECK")[0]
    for copy in instructions("COPY"):
        for source in copy.split()[:-1]:
            assert (ROOT / source).exists(), f"COPY {source}: missing"
    runtime = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    locked = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower()
    for requirement in runtime:  # the image installs these, held to the lock
        assert requirement.lower().replace("_", "-") in locked.replace("_", "-"), requirement
    services = compose()
    assert set(services) == {"app", "scheduler"}
    assert services["app"]["environment"]["UNIONBOT_SCHEDULE_IN_PROCESS"] == "false"
    assert services["scheduler"]["command"] == ["python", "-m", "bot", "scheduler"]


# What an operator passes to the container (`docker run -e` or compose's environment) instead of mounting a
# config.toml: without it the image has only the example file, whose token is public, and serve refuses.
OPERATOR_ENV = {"UNIONBOT_WECHAT_TOKEN": "docker-test-token-5c1e"}


def _container_env(tmp_path, extra: dict | None = None) -> dict:
    """The image's ENV with /data moved to tmp_path."""
    env = dict(re.findall(r"(\w+)=(\S+)", " ".join(instructions("ENV"))))
    env = {k: v.replace("/data", str(tmp_path)).replace("/app/model", str(tmp_path / "model")) for k, v in env.items()}
    return {**{k: v for k, v in os.environ.items() if not k.startswith("UNIONBOT_")}, **env, **(extra or {})}


def _python(cmd: list[str]) -> list[str]:
    assert cmd[:3] == ["python", "-m", "bot"], cmd
    return [sys.executable, *cmd[1:]]


def test_the_image_commands_run_outside_docker(tmp_path):
    build = next(r for r in instructions("RUN") if "classify" in r)
    train = shlex.split(build.split("&&")[0].split(">")[0])
    proc = subprocess.run(_python(train), cwd=ROOT, env=_container_env(tmp_path), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and "activity_query" in proc.stdout, proc.stderr

    port = free_port()
    services = compose()
    serve = [a.replace("0.0.0.0", "127.0.0.1").replace("8000", str(port)) for a in services["app"]["command"]]
    assert _python(exec_form(instructions("CMD")[0]))[1:] == _python(services["app"]["command"])[1:]
    refused = subprocess.run(_python(serve), cwd=ROOT, env=_container_env(tmp_path, services["app"]["environment"]),
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "UNIONBOT_WECHAT_TOKEN" in refused.stderr  # no config, no token: one line
    assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    env = _container_env(tmp_path, {**services["app"]["environment"], **OPERATOR_ENV})
    app = subprocess.Popen(_python(serve), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    health = [a.replace("8000", str(port)) for a in exec_form(instructions("HEALTHCHECK")[0])]
    scheduler = None
    try:
        deadline = time.monotonic() + 60
        while True:
            check = subprocess.run(_python(health), cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
            if check.returncode == 0:
                break
            assert app.poll() is None and time.monotonic() < deadline, check.stderr
            time.sleep(0.3)
        assert "健康" in check.stdout
        scheduler = subprocess.Popen(_python(services["scheduler"]["command"]), cwd=ROOT, env=_container_env(tmp_path, OPERATOR_ENV),
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = ""
        while "调度器已启动" not in line:
            line = scheduler.stdout.readline()
            assert line or scheduler.poll() is None, "scheduler exited"
        assert (tmp_path / "unionbot.db").exists()  # the data is where the volume would be
    finally:
        for proc in (scheduler, app):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(30)
    assert app.returncode == 0 and scheduler.returncode == 0  # SIGTERM (docker stop) ends both cleanly
    missing = subprocess.run(_python([a.replace("8000", str(free_port())) for a in exec_form(instructions("HEALTHCHECK")[0])]),
                             cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert missing.returncode == 1  # nothing listening: unhealthy
