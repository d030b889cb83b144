"""Events and calls to apply: page types, their dates in the event's own time zone, and
what is worked out from the clock (upcoming or past, registration open, a call's status).

An events index page sits under the home page (programme-wide events and calls) and at
most one under each region page (that region's); event and call pages sit under an
events index. As with news, a page's region is where it is in the tree, so that a
region's coordinators, whose permissions cover their region's subtree, write only their
region's events and calls.

Dates are stored as aware datetimes (UTC in the database) with the IANA name of the
time zone they happen in; the editor types them as local times of that zone, and
visitors read them in it ("10:00–12:00 CET"). Nothing here is moved by an editor when
an event ends or a deadline passes: it is compared with the clock on every request.
"""

import zoneinfo
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from iurc_site.models import ContentPage
from newsroom.models import HeroImage, places_to_illustrate

EVENTS_PER_PAGE = 12
DEFAULT_TIME_ZONE = "Europe/Brussels"


def validate_time_zone(value):
    """An IANA time zone name that zoneinfo knows ("Europe/Brussels", "UTC")."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError(
            _(
                "“%(value)s” is not a time zone. Give an IANA name such as "
                "Europe/Brussels, America/Santiago or Asia/Tokyo."
            ),
            code="unknown_time_zone",
            params={"value": value},
        ) from None


def zone_of(name):
    """The ZoneInfo of a name, or the programme's own zone if the name is not one."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)


def zone_label(moment):
    """ "CET", or "UTC−03:00" where the zone has no abbreviation of its own ("-03")."""
    name = moment.tzname() or ""
    if name[:1] in "+-" or not name:
        offset = moment.utcoffset() or timedelta()
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "−"
        hours, minutes = divmod(abs(minutes), 60)
        return f"UTC{sign}{hours:02d}:{minutes:02d}"
    return name


def time_zone_field():
    return models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_(
            "The IANA name of the zone where it happens, e.g. Europe/Brussels or "
            "America/Santiago. The dates and times above are read in this zone."
        ),
    )


class LocalTimesForm(WagtailAdminPageForm):
    """Dates typed and shown as local times of the page's own time zone.

    Django reads a typed date and time in the admin's time zone; this form reads it in
    the zone given on the page instead, so "10:00" in Santiago is 10:00 in Santiago.
    """

    local_time_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zone_of(getattr(self.instance, "time_zone", ""))
        for name in self.local_time_fields:
            value = getattr(self.instance, name, None)
            if value is not None and not self.is_bound:
                self.initial[name] = timezone.make_naive(value, zone)

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        if not name or "time_zone" in self.errors:
            return cleaned
        zone = zone_of(name)
        for field in self.local_time_fields:
            value = cleaned.get(field)
            if value is not None:
                naive = timezone.make_naive(value)  # as typed
                cleaned[field] = naive.replace(tzinfo=zone)
        return cleaned


class EventsIndexPage(ContentPage):
    """Events and calls to apply: programme-wide under the home page, or one region's."""

    parent_page_types = ["iurc_site.HomePage", "regions.RegionPage"]
    subpage_types = ["newsroom.EventPage", "newsroom.CallPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index page")

    @cached_property
    def region(self):
        """The region whose events these are, or None for the programme-wide index."""
        from regions.models import RegionPage

        if not self.path:
            return None
        return RegionPage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_context(self, request, *args, **kwargs):
        from newsroom.event_listing import event_listing, open_calls

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = event_listing(self, request)
        context["open_calls"] = open_calls(region=self.region, limit=20)
        return context


class AgendaItemBlock(blocks.StructBlock):
    starts = blocks.TimeBlock(label=_("from"), required=False)
    ends = blocks.TimeBlock(label=_("to"), required=False)
    title = blocks.CharBlock(label=_("title"), max_length=200)
    speakers = blocks.CharBlock(
        label=_("speakers"),
        required=False,
        max_length=400,
        help_text=_("Names and roles, e.g. Anna Berg (City of Umeå)"),
    )

    class Meta:
        icon = "time"
        label = _("Agenda item")


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()
    day = blocks.CharBlock(
        label=_("day heading"), max_length=100, help_text=_("E.g. Day 2, 28 May")
    )


class EventPageForm(LocalTimesForm):
    local_time_fields = ("start", "end", "registration_deadline")


def _region_of(page):
    from regions.models import RegionPage

    if not page.path or page.depth < 6:  # a new page, or programme-wide
        return None
    return RegionPage.objects.filter(path=page.path[: -2 * page.steplen]).first()


class EventPage(ContentPage, HeroImage):
    """An event: when and where (or online), who organises it, its agenda and links."""

    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        KICK_OFF = "kick-off", _("Kick-off")
        STUDY_VISIT = "study-visit", _("Study visit")
        TRAINING = "training", _("Training")
        ANNUAL_EVENT = "annual-event", _("Annual event")
        WUF_SIDE_EVENT = "wuf-side-event", _("World Urban Forum side event")
        OTHER = "other", pgettext_lazy("event type", "Other")

    class Attendance(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in-person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = time_zone_field()
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Whole days: the times are not shown (a multi-day visit, say)."),
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=Kind.choices, default=Kind.WEBINAR
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.ONLINE,
    )
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Town hall, Plaza de Armas"),
    )
    place = models.ForeignKey(
        "partners.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The city or region where it happens (empty if online)."),
    )
    organisers = ParentalManyToManyField(
        "partners.Organisation",
        verbose_name=_("organised by"),
        blank=True,
        related_name="events_organised",
    )
    co_organisers = ParentalManyToManyField(
        "partners.Organisation",
        verbose_name=_("co-organised by"),
        blank=True,
        related_name="events_co_organised",
    )
    supporters = ParentalManyToManyField(
        "partners.Organisation",
        verbose_name=_("supported by"),
        blank=True,
        related_name="events_supported",
    )
    pairings = ParentalManyToManyField(
        "regions.PairingPage",
        verbose_name=_("pairings it is about"),
        blank=True,
        related_name="events",
    )
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: registration is open until the event ends."),
    )
    recording_url = models.URLField(
        _("recording link"), blank=True, help_text=_("Shown once the event is over.")
    )
    source_url = models.URLField(
        _("source"), blank=True, help_text=_("Where the facts of this event come from.")
    )

    base_form_class = EventPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        HeroImage.hero_panel(),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("all_day"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldPanel("place"),
            ],
            heading=_("What and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisers"),
                FieldPanel("co_organisers"),
                FieldPanel("supporters"),
            ],
            heading=_("Organisers"),
        ),
        FieldPanel("body"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldPanel("recording_url"),
            ],
            heading=_("Links"),
        ),
        FieldPanel("pairings"),
        FieldPanel("source_url"),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("venue"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["newsroom.EventsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if (
            self.registration_deadline
            and self.end
            and self.registration_deadline > self.end
        ):
            errors["registration_deadline"] = _(
                "The registration deadline is after the event: it must be before the "
                "event ends."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.all_day and self.start and self.end:
            zone = self.zone
            first = timezone.localtime(self.start, zone).date()
            last = max(first, timezone.localtime(self.end, zone).date())
            self.start = datetime.combine(first, time.min, tzinfo=zone)
            self.end = datetime.combine(last, time(23, 59, 59), tzinfo=zone)
        return super().save(*args, **kwargs)

    # --- Worked out from the clock -----------------------------------------------------

    @property
    def zone(self):
        return zone_of(self.time_zone)

    def is_past(self, now=None):
        return self.end <= (now or timezone.now())

    def is_upcoming(self, now=None):
        return not self.is_past(now)

    def registration_open(self, now=None):
        now = now or timezone.now()
        if not self.registration_url or self.is_past(now):
            return False
        return self.registration_deadline is None or now < self.registration_deadline

    def recording_shown(self, now=None):
        return bool(self.recording_url) and self.is_past(now)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone)

    @property
    def registration_deadline_text(self):
        if self.registration_deadline is None:
            return ""
        return moment_text(timezone.localtime(self.registration_deadline, self.zone))

    @property
    def when_text(self):
        """ "4 December 2026, 10:00–12:00 CET" in the active language; dates only all day."""
        return when_text(self.local_start, self.local_end, self.all_day)

    @cached_property
    def region(self):
        return _region_of(self)

    def illustration_places(self):
        return places_to_illustrate(self, [self.place] if self.place else [])

    def organisations(self):
        """[(label, [organisation, ...]), ...] of the roles that have any."""
        roles = [
            (gettext("Organised by"), self.organisers.all()),
            (gettext("Co-organised by"), self.co_organisers.all()),
            (gettext("Supported by"), self.supporters.all()),
        ]
        return [(label, list(found)) for label, found in roles if list(found)]


def moment_text(moment):
    """ "31 May 2021, 23:59 CEST" in the active language."""
    return (
        f"{formats.date_format(moment, 'DATE_FORMAT')}, "
        f"{formats.time_format(moment, 'H:i')} {zone_label(moment)}"
    )


def when_text(start, end, all_day, zone_shown=True):
    day = formats.date_format(start, "DATE_FORMAT")
    if all_day:
        if start.date() == end.date():
            return day
        return f"{day} – {formats.date_format(end, 'DATE_FORMAT')}"
    start_time = formats.time_format(start, "H:i")
    end_time = formats.time_format(end, "H:i")
    zone = f" {zone_label(start)}" if zone_shown else ""
    if start.date() == end.date():
        return f"{day}, {start_time}–{end_time}{zone}"
    end_day = formats.date_format(end, "DATE_FORMAT")
    end_zone = f" {zone_label(end)}" if zone_shown else ""
    return f"{day}, {start_time}{zone} – {end_day}, {end_time}{end_zone}"


class CallPageForm(LocalTimesForm):
    local_time_fields = ("opens", "deadline")


class CallPage(ContentPage):
    """A call to apply: who may apply, from when until when, its documents and link."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", pgettext_lazy("call status", "Upcoming")
        OPEN = "open", pgettext_lazy("call status", "Open")
        CLOSED = "closed", pgettext_lazy("call status", "Closed")

    eligibility = models.TextField(
        _("who may apply"),
        blank=True,
        help_text=_("E.g. EU cities of more than 100,000 inhabitants."),
    )
    opens = models.DateTimeField(_("opens"), null=True, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    time_zone = time_zone_field()
    application_url = models.URLField(_("application link"), blank=True)
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        verbose_name=_("documents"),
        blank=True,
    )
    source_url = models.URLField(
        _("source"), blank=True, help_text=_("Where the facts of this call come from.")
    )

    base_form_class = CallPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens"), FieldPanel("deadline")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        FieldPanel("application_url"),
        FieldPanel("documents"),
        FieldPanel("body"),
        FieldPanel("source_url"),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("eligibility"),
        index.FilterField("deadline"),
    ]

    parent_page_types = ["newsroom.EventsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("call to apply")
        verbose_name_plural = _("calls to apply")

    def clean(self):
        super().clean()
        if self.opens and self.deadline and self.deadline <= self.opens:
            raise ValidationError(
                {"deadline": _("The deadline must come after the call opens.")}
            )

    @property
    def zone(self):
        return zone_of(self.time_zone)

    def status(self, now=None):
        now = now or timezone.now()
        if self.opens and now < self.opens:
            return self.Status.UPCOMING
        if now < self.deadline:
            return self.Status.OPEN
        return self.Status.CLOSED

    @property
    def current_status(self):
        return self.status()

    @property
    def status_label(self):
        return self.Status(self.status()).label

    @property
    def is_open(self):
        return self.status() == self.Status.OPEN

    @property
    def local_opens(self):
        return timezone.localtime(self.opens, self.zone) if self.opens else None

    @property
    def local_deadline(self):
        return timezone.localtime(self.deadline, self.zone)

    @property
    def deadline_text(self):
        return moment_text(self.local_deadline)

    @cached_property
    def region(self):
        return _region_of(self)
