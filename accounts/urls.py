"""Django's auth views under their standard names, plus sign up, account and delete.

No app_name: LOGIN_URL, the admin and Django's auth views all use the plain names.
"""

from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.account, name="account"),
    path("signup/", views.signup, name="signup"),
    path("delete/", views.delete_account, name="delete-account"),
    path("", include("django.contrib.auth.urls")),
]
