"""A minimal Django site running django-helpdesk (from PyPI) on SQLite, for the browser tests."""

import os
from pathlib import Path

BASE_DIR = Path(os.environ.get("HELPDESK_DATA", "."))
SECRET_KEY = "tactful-browser-tests-only"
DEBUG = True
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "helpdesk",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.e2e.helpdesk_site.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BASE_DIR / "helpdesk.sqlite3")}}
SITE_ID = 1
STATIC_URL = "/static/"
USE_TZ = True
LOGIN_URL = "helpdesk:login"
LOGIN_REDIRECT_URL = "/tickets/"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
HELPDESK_ENABLE_ATTACHMENTS = False
HELPDESK_TEAMS_MODE_ENABLED = False  # no pinax-teams: knowledge-base teams are not what the tests need
