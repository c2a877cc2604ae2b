"""Django's auth views under their standard names, plus sign up, account and delete.

No app_name: LOGIN_URL, the admin and Django's auth views all use the plain names.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import forms, views

urlpatterns = [
    path("", views.account, name="account"),
    path("signup/", views.signup, name="signup"),
    path("delete/", views.delete_account, name="delete-account"),
    # Django's views with the site's forms (labels without a colon); the rest as shipped.
    path(
        "login/", auth_views.LoginView.as_view(authentication_form=forms.SignInForm), name="login"
    ),
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(form_class=forms.PasswordChangeForm),
        name="password_change",
    ),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(form_class=forms.PasswordResetForm),
        name="password_reset",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.SetPasswordForm),
        name="password_reset_confirm",
    ),
    path("", include("django.contrib.auth.urls")),
]
