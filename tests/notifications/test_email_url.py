"""CAITIEN_EMAIL_URL: every documented form, and a Vietnamese message for a wrong one."""

import pytest

from caitien.notifications.email_url import (
    CONSOLE_BACKEND,
    FOLDER_BACKEND,
    SMTP_BACKEND,
    EmailUrlError,
    email_settings,
)


def test_console_is_the_default():
    assert email_settings(None) == {"EMAIL_BACKEND": CONSOLE_BACKEND}
    assert email_settings("") == {"EMAIL_BACKEND": CONSOLE_BACKEND}
    assert email_settings("console:") == {"EMAIL_BACKEND": CONSOLE_BACKEND}


def test_file_url_names_a_folder():
    assert email_settings("file:///var/lib/caitien/thu%20di") == {
        "EMAIL_BACKEND": FOLDER_BACKEND,
        "EMAIL_FILE_PATH": "/var/lib/caitien/thu di",
    }


@pytest.mark.parametrize("url", ["file://", "file:///", "file:relative/folder"])
def test_file_url_without_an_absolute_folder_is_refused(url):
    with pytest.raises(EmailUrlError, match="đường dẫn tuyệt đối"):
        email_settings(url)


def test_smtp_with_user_password_and_tls():
    got = email_settings("smtp://thu%40truong.edu.vn:m%C3%A2t%3Akh%E1%BA%A9u@smtp.truong.edu.vn:587?tls=1")
    assert got == {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": "smtp.truong.edu.vn",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "thu@truong.edu.vn",
        "EMAIL_HOST_PASSWORD": "mât:khẩu",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 30,
    }


def test_smtp_ports_default_by_security():
    assert email_settings("smtp://mail.local")["EMAIL_PORT"] == 25
    assert email_settings("smtp://mail.local?ssl=1")["EMAIL_PORT"] == 465
    assert email_settings("smtp://mail.local?ssl=1")["EMAIL_USE_SSL"] is True
    assert email_settings("smtp://mail.local?tls=1")["EMAIL_PORT"] == 587
    assert email_settings("smtp://mail.local:2525")["EMAIL_PORT"] == 2525


@pytest.mark.parametrize(
    "url, words",
    [
        ("smtp://", "thiếu tên máy chủ"),
        ("smtp://mail.local?tls=1&ssl=1", "chỉ chọn một"),
        ("smtp://mail.local:abc", "cổng phải là một số"),
        ("sendgrid://key", "không hiểu kiểu"),
    ],
)
def test_wrong_urls_say_what_is_wrong(url, words):
    with pytest.raises(EmailUrlError, match=words):
        email_settings(url)


def test_settings_refuse_to_start_with_a_wrong_url(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "CAITIEN_EMAIL_URL": "pigeon://x", "CAITIEN_VAR_DIR": str(tmp_path)}
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='caitien.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "không hiểu kiểu" in run.stderr
