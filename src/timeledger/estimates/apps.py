from django.apps import AppConfig


class EstimatesConfig(AppConfig):
    """Estimates (quotes) to clients: phases and lines, a gap-free number series, a PDF from the
    invoice template system, a client link to accept or decline, versions. Accepting creates or
    updates the project through the projects and contracts services (and, optionally, a deposit
    draft through invoicing's), so this app sits below billing in the layout."""

    name = "timeledger.estimates"
    label = "estimates"
