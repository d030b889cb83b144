"""Imports as editors run them: where each may import, and the stored file of each import.

An uploaded file is kept in a PairingImport record between its preview and the editor's
confirmation; confirming checks it again (the site may have changed meanwhile) and
imports it in one transaction, with the record locked so that a double click imports
once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from partners.models import PairingImport
from partners.pairing_import.applying import ImportResult, apply_plan
from partners.pairing_import.planning import ImportPlan, plan_import
from partners.pairing_import.reading import read_spreadsheet
from regions.models import RegionPage

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser


class ImportNotPossible(Exception):
    """The stored import cannot be applied (already applied, cancelled, or now invalid)."""


def allowed_regions_for(user: AbstractUser | None) -> set[int] | None:
    """Ids of the regions the user may add pages to; None when that is every region."""
    if user is None or user.is_superuser:
        return None
    regions = list(RegionPage.objects.all())
    allowed = {
        region.pk
        for region in regions
        if region.permissions_for_user(user).can_add_subpage()
    }
    return None if len(allowed) == len(regions) else allowed


def may_publish(user: AbstractUser | None, regions: Iterable[RegionPage]) -> bool:
    """Whether the user may publish pages under every one of these regions."""
    if user is None or user.is_superuser:
        return True
    return all(
        region.permissions_for_user(user).can_publish_subpage() for region in regions
    )


def summarise_plan(plan: ImportPlan) -> dict[str, object]:
    """What a check found, as stored on the import record."""
    return {
        "to_create": len(plan.to_create),
        "to_update": len(plan.to_update),
        "errors": [str(error) for error in plan.errors],
    }


def summarise_result(result: ImportResult, *, published: bool) -> dict[str, object]:
    """What an import did, as stored on the import record."""
    return {
        "created": len(result.created),
        "updated": len(result.updated),
        "unchanged": len(result.unchanged),
        "new_places": len(result.new_places),
        "places_without_coordinates": [
            str(place) for place in result.places_without_coordinates
        ],
        "published": published,
    }


def check_stored_import(
    pairing_import: PairingImport, *, keep_status: str | None = None
) -> ImportPlan:
    """Read and check the stored file for its uploader; note the outcome on the record.

    The record becomes PREVIEWED or INVALID; with `keep_status` (a confirmed import
    checked again by its job), a valid file keeps that status.
    Raises SpreadsheetError when the file cannot be read at all.
    """
    records = read_spreadsheet(bytes(pairing_import.content), pairing_import.file_name)
    plan = plan_import(
        records, allowed_regions=allowed_regions_for(pairing_import.uploaded_by)
    )
    pairing_import.summary = summarise_plan(plan)
    pairing_import.status = (
        (keep_status or PairingImport.Status.PREVIEWED)
        if plan.is_valid
        else PairingImport.Status.INVALID
    )
    pairing_import.save(update_fields=["summary", "status"])
    return plan


def will_publish(pairing_import: PairingImport, plan: ImportPlan) -> bool:
    """Whether applying publishes: not when asked for drafts, nor for a coordinator."""
    return not pairing_import.as_drafts and may_publish(
        pairing_import.uploaded_by, {spec.region for spec in plan.specs}
    )


@transaction.atomic
def apply_stored_import(
    pairing_import: PairingImport,
    *,
    plan: ImportPlan | None = None,
    progress: Callable[[int], object] | None = None,
    from_statuses: Iterable[str] = (PairingImport.Status.PREVIEWED,),
    index_later: bool = False,
) -> ImportResult:
    """Import the stored file (checked again unless `plan` is given); all or nothing.

    Only an import in one of `from_statuses` is imported (the job imports one the
    editor confirmed, partners/pairing_import/jobs.py); `index_later` as in apply_plan.
    """
    locked = PairingImport.objects.select_for_update().get(pk=pairing_import.pk)
    if locked.status not in from_statuses:
        raise ImportNotPossible(locked.get_status_display())
    if plan is None:
        plan = check_stored_import(locked, keep_status=locked.status)
    if not plan.is_valid:
        raise ImportNotPossible(locked.get_status_display())
    publish = will_publish(locked, plan)
    result = apply_plan(
        plan,
        user=locked.uploaded_by,
        publish=publish,
        file_name=locked.file_name,
        progress=progress,
        index_later=index_later,
    )
    locked.status = PairingImport.Status.APPLIED
    locked.applied_at = timezone.now()
    locked.summary = summarise_result(result, published=publish)
    locked.save(update_fields=["status", "applied_at", "summary"])
    pairing_import.refresh_from_db()
    return result
