"""Reads of contracts."""

from __future__ import annotations

from timeledger.contracts.models import ProjectTerms
from timeledger.projects.models import Project


def terms_for(project: Project) -> ProjectTerms:
    """The project's terms row (unsaved defaults when it has none yet)."""
    try:
        return project.terms
    except ProjectTerms.DoesNotExist:
        return ProjectTerms(organisation_id=project.organisation_id, project=project)
