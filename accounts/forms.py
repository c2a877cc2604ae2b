from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from backlog.forms import PlainLabels


class SignUpForm(PlainLabels, UserCreationForm):
    """A new account: a username, an e-mail address for password resets, and a password.

    UserCreationForm already refuses usernames that differ only in case and runs the
    password through AUTH_PASSWORD_VALIDATORS; this adds a required, unique e-mail.
    """

    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Only used to send you a link if you forget your password.",
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"]
        if self._meta.model.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists. "
                "Sign in instead, or reset your password if you have forgotten it.",
                code="duplicate_email",
            )
        return email


class DeleteAccountForm(PlainLabels, forms.Form):
    """Asks for the current password before an account is deleted."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To confirm it is really you.",
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That password is not right, so nothing has been deleted. Please try again.",
                code="password_incorrect",
            )
        return password


# Django's own auth forms, with the site's labels (no trailing colon); accounts/urls.py
# hands them to Django's auth views.
class SignInForm(PlainLabels, auth_forms.AuthenticationForm):
    pass


class PasswordChangeForm(PlainLabels, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(PlainLabels, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(PlainLabels, auth_forms.SetPasswordForm):
    pass
