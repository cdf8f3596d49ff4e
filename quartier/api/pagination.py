"""The page-number pagination of every API list.

A page beyond the last one is an empty page (`items: []`, with the true `count`), never an
error: the count tells a client how many pages there are. The page number is bounded so that
no offset overflows a database integer."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja import pagination as ninja_pagination

MAX_PAGE = 10**9


class PageNumberPagination(ninja_pagination.PageNumberPagination):
    class Input(Schema):
        page: int = Field(
            1, ge=1, le=MAX_PAGE, description="Page number; past the last page the list is empty."
        )
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        count = self._items_count(queryset)
        items = queryset[offset : offset + page_size] if offset < count else []
        return {self.items_attribute: items, "count": count}
