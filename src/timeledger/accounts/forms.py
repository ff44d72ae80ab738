"""Forms of the members page and the invitation link. They parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from timeledger.accounts.models import Member
from timeledger.accounts.roles import Role

# Clients sit above accounts: the field names the model instead of importing it.
Client = Member._meta.get_field("client").related_model


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    client = forms.ModelChoiceField(
        label=_("Client"),
        queryset=Client.objects.none(),
        required=False,
        help_text=_("For a client viewer: the client whose invoices they may see."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # The roles' names in the page's language (``roles.ROLE_NAMES``).
        self.fields["role"].choices = [(value, gettext(label)) for value, label in Role.choices]
        self.fields["client"].queryset = Client.objects.filter(
            organisation=organisation, is_archived=False
        )


class AcceptForm(forms.Form):
    """A new person's name and password; someone with an account only gives its password."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, has_account: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if has_account:
            del self.fields["first_name"], self.fields["last_name"]
            self.fields["password"].label = _("Your password")
            self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        else:  # the service says what is missing, all at once
            self.fields["password"].label = _("Choose a password")


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
