"""E-mail leaves the box: SMTP settings from EMAIL_URL (or EMAIL_HOST and friends), the
sender from DEFAULT_FROM_EMAIL. A password reset, under production settings, reaches a
real (tiny) SMTP server listening on loopback."""

import base64
import os
import secrets
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from backlog.settings import email_from_url

ROOT = Path(__file__).resolve().parent.parent


class TestEmailFromUrl:
    def test_it_reads_starttls_with_a_percent_encoded_user(self):
        found = email_from_url("smtp+tls://backlog%40example.org:p%3Ass@smtp.example.org:2525")
        assert found == {
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": 2525,
            "EMAIL_HOST_USER": "backlog@example.org",
            "EMAIL_HOST_PASSWORD": "p:ss",
            "EMAIL_USE_TLS": True,
            "EMAIL_USE_SSL": False,
        }

    def test_each_scheme_has_its_port_and_tls(self):
        assert email_from_url("smtp+tls://h")["EMAIL_PORT"] == 587
        smtps = email_from_url("smtps://h")
        assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (
            465,
            True,
            False,
        )
        plain = email_from_url("smtp://h")
        assert (plain["EMAIL_PORT"], plain["EMAIL_USE_SSL"], plain["EMAIL_USE_TLS"]) == (
            25,
            False,
            False,
        )

    def test_it_refuses_another_scheme(self):
        with pytest.raises(ImproperlyConfigured):
            email_from_url("http://smtp.example.org")


class SmtpListener(threading.Thread):
    """Just enough SMTP for Django's backend: its logins, every message's envelope and data."""

    def __init__(self):
        super().__init__(daemon=True)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.messages = []
        self.logins = []

    def run(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection, connection.makefile("rwb") as stream:
                self.converse(stream)

    def converse(self, stream):
        def say(line):
            stream.write(line.encode() + b"\r\n")
            stream.flush()

        say("220 test")
        sender, data = None, []
        while line := stream.readline():
            command = line.decode().strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                say("250-test")
                say("250 AUTH PLAIN")
            elif verb == "HELO":
                say("250 test")
            elif verb == "AUTH":
                self.logins.append(base64.b64decode(command.split()[-1]).split(b"\0")[1:])
                say("235 ok")
            elif verb == "MAIL":
                sender = command
                say("250 ok")
            elif verb in {"RCPT", "RSET", "NOOP"}:
                say("250 ok")
            elif verb == "DATA":
                say("354 go on")
                while (part := stream.readline()) not in {b".\r\n", b""}:
                    data.append(part.decode())
                self.messages.append((sender, "".join(data)))
                say("250 queued")
            elif verb == "QUIT":
                say("221 bye")
                return
            else:
                say("502 no")


@pytest.mark.django_db(transaction=True)
def test_a_password_reset_reaches_the_smtp_server_from_the_environment(tmp_path):
    listener = SmtpListener()
    listener.start()
    keep = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k in keep} | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "backlog.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
        "EMAIL_URL": f"smtp://mailer:secret@127.0.0.1:{listener.port}",
        "DEFAULT_FROM_EMAIL": "backlog <care@backlog.example>",
    }
    script = (
        "from django.contrib.auth.forms import PasswordResetForm\n"
        "from django.contrib.auth.models import User\n"
        "User.objects.create_user('ada', 'ada@example.com', 'a-long-password-4471')\n"
        "form = PasswordResetForm({'email': 'ada@example.com'})\n"
        "assert form.is_valid()\n"
        "form.save(domain_override='backlog.example', use_https=True)\n"
    )
    for command in (["migrate", "--no-input", "-v", "0"], ["shell", "-c", script]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    listener.server.close()

    assert listener.logins == [[b"mailer", b"secret"]]
    assert len(listener.messages) == 1
    sender, message = listener.messages[0]
    assert "care@backlog.example" in sender
    assert "From: backlog <care@backlog.example>" in message
    assert "To: ada@example.com" in message
    assert "https://backlog.example/accounts/reset/" in message
