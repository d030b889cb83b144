"""StreamField blocks shared by the site's page bodies."""

import contextlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; its level keeps the page outline correct for screen readers."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    """An image with alt text and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation set off from the text, with who said it."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, max_length=200
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote_block.html"


class LinkBlock(blocks.StructBlock):
    """A call-to-action link: to a page of this site or to an external address."""

    label = blocks.CharBlock(label=_("Label"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link button")
        template = "components/blocks/link_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Choose a page or give an address, not both.")
                    )
                }
            )
        return value


class ConsentEmbedBlock(EmbedBlock):
    """A video (YouTube, Vimeo, ...) whose player loads only when the visitor asks for it.

    The provider's player sets cookies and sees who watches; until the visitor presses
    "Play", the page holds the player's HTML inert in a <template> and shows a notice, a
    button (static/js/video-consent.js) and a link to the video on its own site.
    """

    class Meta:
        template = "components/blocks/video_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed"] = None
        # A provider unknown or unreachable: no player, the link alone is shown.
        with contextlib.suppress(EmbedException):
            if value:
                context["embed"] = get_embed(value.url)
        return context

    def deconstruct(self):
        # Migrations record it as the EmbedBlock it stores (a URL): only its rendering
        # differs, so changing how it renders needs no migration of every page body.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.embeds.blocks.EmbedBlock", args, kwargs


class SubsiteLinksBlock(blocks.StructBlock):
    """The list of regional sub-site links of one programme phase, as edited on the phase."""

    phase = blocks.PageChooserBlock(
        label=_("Programme phase"), page_type="iurc_site.ProgrammePhasePage"
    )

    class Meta:
        icon = "site"
        label = _("Sub-site links of a phase")
        template = "components/blocks/subsite_links_block.html"


class TestimonialsBlock(blocks.StaticBlock):
    """Marks where the page's own testimonials appear in its body (otherwise they follow it)."""

    class Meta:
        icon = "openquote"
        label = _("The page's testimonials")
        admin_text = _("The testimonials of this page appear here.")
        template = "components/blocks/testimonials_block.html"


class BodyBlock(blocks.StreamBlock):
    """The blocks an editor can use in the body of a page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="components/blocks/paragraph_block.html",
    )
    figure = FigureBlock()
    quote = QuoteBlock()
    link = LinkBlock()
    embed = ConsentEmbedBlock(
        label=_("Video or media"),
        icon="media",
    )
    subsite_links = SubsiteLinksBlock()
    testimonials = TestimonialsBlock()
