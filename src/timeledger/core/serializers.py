from rest_framework import serializers


class TenantRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that can only point at rows of the request's organisation.

    An id of another organisation reads as "does not exist", never as a leak.
    """

    def __init__(self, model=None, **kwargs):
        self.model = model
        kwargs.setdefault("queryset", model.objects.all() if model else None)
        super().__init__(**kwargs)

    def get_queryset(self):
        organisation = self.context.get("organisation")
        qs = super().get_queryset()
        return qs.filter(organisation=organisation) if organisation else qs.none()
