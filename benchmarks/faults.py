"""The fault run (`make chaos`): Quartier's server and worker on 127.0.0.1, put through the
faults of real operation, each bounded in count and time.

1. worker killed mid-import: a 5,000-row import (BENCH_FAULTS_ROWS), the worker gets SIGKILL
   while it runs, a new worker starts (as systemd or `make run` would); the sweeper requeues
   the task.
2. database connections terminated under load: a bounded loop of requests (each with a
   10 s timeout) while every connection of the database is ended with
   `pg_terminate_backend` (what a PostgreSQL restart does to its clients); then a task shows
   that the worker survived.
3. mail server refusing, then hanging: password resets over HTTP succeed at once; the mails
   wait in the outbox and arrive when the mail server is back.
4. bursts of duplicate submits: 10 simultaneous proposals of the same tie over the API.

Prints one JSON line per outcome. Needs PostgreSQL (BENCH_FAULTS_DATABASE_URL, default
postgres://quartier:quartier@127.0.0.1:5432/quartier_chaos – created and reset by this script).
"""

import json
import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_FAULTS_DATABASE_URL", "postgres://quartier:quartier@127.0.0.1:5432/quartier_chaos"
)
ROWS = int(os.environ.get("BENCH_FAULTS_ROWS", "5000"))
REQUESTS = int(os.environ.get("BENCH_FAULTS_REQUESTS", "200"))
RESETS = int(os.environ.get("BENCH_FAULTS_RESETS", "10"))
ROUNDS, BURST = 10, 10
TIMEOUT = 10.0  # seconds a request may take before it counts as hanging
QUARTIER = str(Path(sys.executable).parent / "quartier")


def out(**fields: object) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- a mail server on 127.0.0.1 that accepts, refuses or hangs ---------------------------


class FakeSmtp:
    def __init__(self) -> None:
        self.mode = "ok"
        self.received: list[str] = []
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                if owner.mode == "refuse":
                    self.wfile.write(b"554 no service\r\n")
                    return
                if owner.mode == "hang":
                    time.sleep(30)
                    return
                self.wfile.write(b"220 fake ESMTP\r\n")
                recipients: list[str] = []
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    command = line.decode(errors="replace").strip().upper()
                    if command.startswith("EHLO") or command.startswith("HELO"):
                        self.wfile.write(b"250 fake\r\n")
                    elif command.startswith("RCPT TO"):
                        recipients.append(command)
                        self.wfile.write(b"250 ok\r\n")
                    elif command == "DATA":
                        self.wfile.write(b"354 go\r\n")
                        while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                            pass
                        owner.received.extend(recipients)
                        recipients = []
                        self.wfile.write(b"250 queued\r\n")
                    elif command == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


# --- the platform under test ------------------------------------------------------------


def named(env: dict[str, str], name: str) -> dict[str, str]:
    return {**env, "PGAPPNAME": name}


def environment(smtp_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "quartier.settings.dev",
            "DATABASE_URL": DATABASE_URL,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "EMAIL_TIMEOUT": "2",
            "OUTBOX_RETRY_SECONDS": "1",
            "OUTBOX_MAX_ATTEMPTS": "8",
            "TASK_HEARTBEAT_SECONDS": "1",
            "TASK_WORKER_STALE_SECONDS": "6",
            "LOG_LEVEL": "ERROR",
            "DEBUG": "false",
        }
    )
    return env


def reset_database() -> None:
    parts = urllib.parse.urlparse(DATABASE_URL)
    name = parts.path.lstrip("/")
    import psycopg

    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


class Worker:
    started: list["Worker"] = []  # all of them are stopped when the run ends, whatever happens

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        Worker.started.append(self)

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [QUARTIER, "worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
            env=named(self.env, "quartier-worker"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        from quartier.core.models import WorkerHeartbeat

        pid = self.process.pid
        wait_for(lambda: WorkerHeartbeat.objects.filter(pid=pid).exists(), 60)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(predicate, seconds: float, step: float = 0.2) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if predicate():
            return time.monotonic() - started
        time.sleep(step)
    return None


def http(url: str, *, data: bytes | None = None, headers: dict | None = None, opener=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    started = time.monotonic()
    try:
        response = (opener or urllib.request.build_opener()).open(request, timeout=TIMEOUT)
        body = response.read()
        status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    except TimeoutError:
        return "hung", b"", time.monotonic() - started
    except (urllib.error.URLError, ConnectionError) as error:
        return f"error:{error}", b"", time.monotonic() - started
    return status, body, time.monotonic() - started


def terminate_backends() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


def connections_now(application: str = "quartier-web") -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s",
            [application],
        )
        return int(cursor.fetchone()[0])


# --- the faults -------------------------------------------------------------------------


def worker_killed_mid_import(env: dict[str, str], owner) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quartier.actors.models import Actor
    from quartier.core.models import TaskProgress
    from quartier.imports import services

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from imports import build_csv  # municipal export: cp1252, semicolons, decimal commas

    upload = SimpleUploadedFile("chaos.csv", build_csv(ROWS))
    job = services.create_job(owner, "actors", upload)
    services.check_job(job, job.mapping, by=owner)
    job.refresh_from_db()
    worker = Worker(env)
    worker.start()
    progress = services.queue_import(job, by=owner)

    def running() -> bool:
        current = TaskProgress.objects.get(pk=progress.pk)
        return current.status == "running" and current.done > 0

    if wait_for(running, 120, 0.05) is None:
        out(fault="worker killed mid-import", outcome="import never started")
        worker.stop()
        return
    done_at_kill = TaskProgress.objects.get(pk=progress.pk).done
    worker.kill()
    killed = time.monotonic()
    time.sleep(1)
    page_while_dead = TaskProgress.objects.get(pk=progress.pk).status
    worker.start()  # as systemd (Restart=always) or make run would
    finished = wait_for(lambda: TaskProgress.objects.get(pk=progress.pk).finished, 600, 0.5)
    current = TaskProgress.objects.get(pk=progress.pk)
    imported = Actor.objects.filter(name__startswith="Initiative Nr. ").count()
    out(
        fault="worker killed mid-import",
        rows=ROWS,
        killed_at_step=done_at_kill,
        status_while_dead=page_while_dead,
        final_status=current.status,
        message=current.message,
        imported=imported,
        lost_records=ROWS - imported if current.status == "done" else None,
        duplicates=max(0, imported - ROWS),
        recovered_seconds=round(time.monotonic() - killed, 1) if finished is not None else None,
    )
    worker.stop()


def connections_terminated_under_load(env: dict[str, str], base: str, owner) -> None:
    from quartier.accounts.tasks import build_personal_data_export
    from quartier.core.models import TaskProgress
    from quartier.core.progress import start_progress
    from quartier.core.tasking import enqueue_with_progress

    worker = Worker(env)
    worker.start()
    wait_for(lambda: http(base + "/api/v1/health")[0] == 200, 30)
    outcomes: dict[str, int] = {}
    latencies: list[float] = []
    terminated = 0
    for i in range(REQUESTS):
        if i in (REQUESTS // 3, 2 * REQUESTS // 3):
            terminated += terminate_backends()
        status, _body, seconds = http(base + ("/api/v1/health" if i % 2 else "/"))
        outcomes[str(status)] = outcomes.get(str(status), 0) + 1
        latencies.append(seconds)
    progress = start_progress(owner, "Export nach dem Abbruch", total=1)
    enqueue_with_progress(progress, build_personal_data_export, str(progress.pk), owner.pk)
    survived = wait_for(lambda: TaskProgress.objects.get(pk=progress.pk).status == "done", 60)
    latencies.sort()
    out(
        fault="pg_terminate_backend under a request loop",
        requests=REQUESTS,
        connections_terminated=terminated,
        statuses=outcomes,
        hung=outcomes.get("hung", 0),
        p50_ms=round(1000 * latencies[len(latencies) // 2], 1),
        max_ms=round(1000 * latencies[-1], 1),
        worker_survived=survived is not None and worker.process.poll() is None,
        next_task_seconds=round(survived, 1) if survived is not None else None,
    )
    worker.stop()


def password_resets(base: str, emails: list[str]) -> tuple[int, float]:
    ok, slowest = 0, 0.0
    for email in emails:
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        status, body, _seconds = http(base + "/konto/password/reset/", opener=opener)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not token:
            continue
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1).decode(), "email": email}
        ).encode()
        status, _body, seconds = http(
            base + "/konto/password/reset/",
            data=data,
            headers={"Referer": base + "/konto/password/reset/"},
            opener=opener,
        )
        slowest = max(slowest, seconds)
        ok += status == 200  # the redirect to "sent" was followed
    return ok, slowest


def mail_server_down(env: dict[str, str], base: str, smtp: FakeSmtp, users) -> None:
    from quartier.core.models import OutboxMail

    worker = Worker(env)
    worker.start()
    for mode in ("refuse", "hang"):
        smtp.mode = mode
        before = len(smtp.received)
        OutboxMail.objects.all().delete()
        emails = [u.email for u in users[:RESETS]]
        succeeded, slowest = password_resets(base, emails)
        time.sleep(6)  # the worker tries and fails meanwhile
        attempts = sum(OutboxMail.objects.values_list("attempts", flat=True))
        smtp.mode = "ok"
        wanted = before + len(emails)
        arrived = wait_for(lambda wanted=wanted: len(smtp.received) >= wanted, 120, 0.5)
        out(
            fault=f"mail server {'refusing' if mode == 'refuse' else 'never answering'}",
            actions=len(emails),
            actions_succeeded=succeeded,
            slowest_action_ms=round(1000 * slowest, 1),
            failed_attempts_while_down=attempts,
            mails_delivered=len(smtp.received) - before,
            errors=sorted(
                {e[:120] for e in OutboxMail.objects.values_list("last_error", flat=True) if e}
            ),
            outbox=dict(
                Counter(OutboxMail.objects.values_list("status", flat=True))  # type: ignore[arg-type]
            ),
            lost_mails=len(emails) - (len(smtp.received) - before),
            delivered_seconds_after_recovery=round(arrived, 1) if arrived is not None else None,
        )
    worker.stop()


def duplicate_submits(base: str, admin) -> None:
    from quartier.accounts.services import create_token
    from quartier.actors.models import Tie

    _token, plain = create_token(admin, "chaos")
    from quartier.actors.tests.factories import ActorFactory

    actors = [ActorFactory(name=f"Chaos-Akteur {i}") for i in range(ROUNDS + 1)]
    headers = {"Authorization": f"Bearer {plain}", "Content-Type": "application/json"}
    created = clear = other = 0
    peaks: list[int] = []
    stop = threading.Event()

    def sample() -> None:
        from django.db import connection

        while not stop.is_set():
            peaks.append(connections_now())
            time.sleep(0.02)
        connection.close()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    for round_ in range(ROUNDS):
        source, target = actors[round_], actors[round_ + 1]
        body = json.dumps({"source": source.pk, "target": target.pk, "kind": "mentoring"})
        with ThreadPoolExecutor(BURST) as pool:
            results = list(
                pool.map(
                    lambda _i, body=body: http(
                        base + "/api/v1/ties", data=body.encode(), headers=headers
                    ),
                    range(BURST),
                )
            )
        for status, text, _seconds in results:
            if status == 201:
                created += 1
            elif status in (400, 422) and "besteht bereits" in text.decode():
                clear += 1
            else:
                other += 1
    stop.set()
    sampler.join(timeout=5)
    ties = Tie.objects.filter(source__in=actors, target__in=actors).count()
    out(
        fault="duplicate submits",
        rounds=ROUNDS,
        burst=BURST,
        answered_created=created,
        answered_besteht_bereits=clear,
        other_answers=other,
        ties=ties,
        duplicates=ties - ROUNDS,
        peak_web_connections=max(peaks, default=0),
        web_pool_max_size=int(os.environ.get("DATABASE_POOL_MAX_SIZE", "8")),
    )


def main() -> None:
    deadline = time.monotonic() + 900
    smtp = FakeSmtp()
    env = environment(smtp.port)
    os.environ.update(named(env, "quartier-chaos"))
    reset_database()
    subprocess.run([QUARTIER, "migrate", "--noinput"], env=env, check=True, capture_output=True)  # noqa: S603
    subprocess.run([QUARTIER, "demo"], env=env, check=True, capture_output=True)  # noqa: S603
    import django

    django.setup()
    from quartier.accounts.models import User
    from quartier.accounts.tests.factories import UserFactory

    admin = User.objects.get(email=os.environ.get("DEMO_ADMIN_EMAIL", "admin@musterstadt.example"))
    users = UserFactory.create_batch(RESETS)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [QUARTIER, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=named(env, "quartier-web"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: http(base + "/")[0] == 200, 60)
        faults = {
            "import": lambda: worker_killed_mid_import(env, admin),
            "terminate": lambda: connections_terminated_under_load(env, base, admin),
            "mail": lambda: mail_server_down(env, base, smtp, users),
            "duplicates": lambda: duplicate_submits(base, admin),
        }
        only = os.environ.get("BENCH_FAULTS_ONLY", ",".join(faults)).split(",")
        for name, fault in faults.items():
            if name not in only:
                continue
            if time.monotonic() > deadline:
                out(fault="time limit", outcome="stopped after 15 minutes")
                break
            fault()
    finally:
        for worker in Worker.started:
            worker.kill()
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
