from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .markup import markdown_to_plain
from .selectors import entries_for_feed

FEED_LENGTH = 30


class NewEntriesFeed(Feed):
    """Atom feed of the newest public entries, in the language of the URL (/ or /en/)."""

    feed_type = Atom1Feed
    title = _("Knowledge base of the Union of Russian Cities: new entries")
    subtitle = _("New public material of the project office “International Relations”.")

    def link(self):
        return reverse("knowledge:index")

    def items(self):
        return entries_for_feed(FEED_LENGTH)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or Truncator(markdown_to_plain(item.body)).words(60)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_author_name(self, item):
        return str(_("Union of Russian Cities"))
