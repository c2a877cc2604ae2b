"""Sign up, the account page, and deleting an account. Django's auth views do the rest."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from backlog.redirects import redirect_target

from .forms import DeleteAccountForm, SignUpForm


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password1", "password2")
@never_cache
def signup(request):
    target = redirect_target(request)
    if request.user.is_authenticated:
        return redirect(target)

    if request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid():
            user = form.save()
            # Named, because axes' backend is listed first and only checks, never logs in.
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {user.get_username()}.")
            return redirect(target)
    else:
        form = SignUpForm()
    return render(request, "registration/signup.html", {"form": form, "next": target})


@require_safe
@login_required
def account(request):
    return render(request, "accounts/account.html")


@require_http_methods(["GET", "POST"])
@login_required
@sensitive_post_parameters("password")
@never_cache
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        username = user.get_username()
        with transaction.atomic():
            # Favourites, practice history and settings go with the user (foreign keys).
            user.delete()
            for model in (AccessAttempt, AccessLog, AccessFailureLog):
                model.objects.filter(username=username).delete()
        # Only now: had the deletion failed, the person would still be signed in to retry.
        logout(request)
        messages.success(request, "Your account and all of its data have been deleted.")
        return redirect("stretches:routine-list")
    return render(request, "accounts/delete_account.html", {"form": form})
