"""Every form on the site reads the same way: labels without Django's trailing colon
("Username", not "Username:"), Django's own auth forms included. One rule,
backlog.forms.PlainLabels, on every form class."""

import importlib
import inspect

import pytest
from django import forms
from django.urls import reverse

from backlog.forms import PlainLabels

from .test_clinic_forms import labels, with_colon

pytestmark = pytest.mark.django_db

SIGNED_OUT = ["login", "signup", "password_reset"]
SIGNED_IN = [
    "password_change",
    "account",
    "builder:new",
    "builder:import",
    "plans:plan-edit",
    "plans:goals",
]


@pytest.mark.parametrize("name", SIGNED_OUT)
def test_signed_out_forms_have_no_colons(client, name):
    html = client.get(reverse(name)).content.decode()
    assert labels(html), "no labels: the page changed, so this test checks nothing"
    assert with_colon(html) == []


@pytest.mark.parametrize("name", SIGNED_IN)
def test_signed_in_forms_have_no_colons(signed_in, name):
    response = signed_in.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert labels(html), "no labels: the page changed, so this test checks nothing"
    assert with_colon(html) == []


@pytest.mark.parametrize("app", ["accounts", "builder", "clinic", "plans", "practice"])
def test_every_form_class_of_ours_has_plain_labels(app):
    module = importlib.import_module(f"{app}.forms")
    classes = [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    ]
    assert classes
    assert [cls for cls in classes if not issubclass(cls, PlainLabels)] == []
