"""The programme app's models, one module per concern."""

from iurc_site.models.content_version import ContentVersion
from iurc_site.models.images import SiteImage, SiteRendition
from iurc_site.models.mixins import EnglishAdminColumnsMixin
from iurc_site.models.pages import (
    ContentPage,
    HomePage,
    PhaseSubsiteLink,
    ProgrammePhasePage,
    StandardPage,
)
from iurc_site.models.site_settings import SiteSettings, SocialLink
from iurc_site.models.testimonials import Testimonial
from iurc_site.models.worker import JobProgress, WorkerHeartbeat

__all__ = [
    "ContentPage",
    "ContentVersion",
    "EnglishAdminColumnsMixin",
    "HomePage",
    "JobProgress",
    "PhaseSubsiteLink",
    "ProgrammePhasePage",
    "SiteImage",
    "SiteRendition",
    "SiteSettings",
    "SocialLink",
    "StandardPage",
    "Testimonial",
    "WorkerHeartbeat",
]
