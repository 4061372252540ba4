"""The translator protocol, and an adapter that turns any function into a translator.

Nothing here imports an MT library: a translator is any object with ``source``, ``target`` and
``translate(texts) -> list[str]``, so a local model, a web service or a dictionary lookup all
plug into the normaliser the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from aeronorm.errors import TranslatorOutputError
from aeronorm.translators import check_output

__all__ = ["FunctionTranslator", "Translator", "TranslatorOutputError", "cache_key_of", "check_output"]


@runtime_checkable
class Translator(Protocol):
    """What aeronorm needs from a machine-translation engine.

    Attributes
    ----------
    source : str
        Language code of the input texts, such as ``"en"``.
    target : str
        Language code of the translations, such as ``"zh"``.

    Notes
    -----
    ``translate`` receives a sequence of strings and returns a list of the same length, in
    the same order: ``translate(texts)[i]`` is the translation of ``texts[i]``. It should
    batch internally; aeronorm calls it with every text it needs at once.

    A translator may define a ``cache_key`` string that identifies the model, its version and
    its settings: it must change whenever the output may change. :class:`~aeronorm.mt.CachedTranslator`
    keys its on-disk cache by it, and refuses a disk cache for a translator without one.

    Examples
    --------
    >>> class Upper:
    ...     source, target = "en", "en"
    ...     def translate(self, texts):
    ...         return [t.upper() for t in texts]
    >>> isinstance(Upper(), Translator)
    True
    """

    source: str
    target: str

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts``; return one translation per text, in order."""
        ...


def as_text_list(texts: Sequence[str], *, who: str = "translate") -> list[str]:
    """Return ``texts`` as a list of str, rejecting a bare string and non-str items."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"{who}() takes a sequence of strings, not a single {type(texts).__name__}: "
            f"wrap it in a list, e.g. {who}([text])"
        )
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise TypeError(f"{who}(): item {i} is {type(text).__name__}, not str: {text!r}")
    return out


def cache_key_of(translator: object) -> str | None:
    """Return the ``cache_key`` that ``translator`` declares, or ``None`` when it declares none.

    A disk cache is keyed by it, so it must name the model, its version and its settings. Nothing
    is guessed from the object: two lambdas, two ``functools.partial`` objects or two instances of
    one class would get the same guess and serve each other's translations.

    Raises
    ------
    TypeError
        If ``cache_key`` is set to something other than a non-blank str.

    Examples
    --------
    >>> cache_key_of(FunctionTranslator(str.upper, source="en", target="en", cache_key="upper-v1"))
    'upper-v1'
    >>> cache_key_of(FunctionTranslator(str.upper, source="en", target="en")) is None
    True
    """
    key = getattr(translator, "cache_key", None)
    if key is None:
        return None
    if not isinstance(key, str) or not key.strip():
        raise TypeError(f"the cache_key of {translator!r} must be a non-blank str or None, not {key!r}")
    return key


def check_language(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty language code such as 'en' or 'zh', not {value!r}")
    return value.strip()


class FunctionTranslator:
    """Wrap a function ``list[str] -> list[str]`` as a :class:`Translator`.

    Any engine or web service plugs in this way. The output is checked on every call: it must
    be a list of str as long as the input, else :class:`TranslatorOutputError` is raised.

    Parameters
    ----------
    fn : callable
        Called with a list of str; returns a list of str of the same length, in order.
    source, target : str
        Language codes, such as ``"en"`` and ``"zh"``.
    cache_key : str, optional
        Names the engine, model, version and settings behind ``fn``, for an on-disk cache (see
        :class:`~aeronorm.mt.CachedTranslator`); change it whenever the output may change.
        Without it, only memory caching is possible: nothing about a function (a lambda, a
        ``functools.partial``, a method of one of several instances) says what it computes.

    Notes
    -----
    ``fn`` is called from whatever thread calls :meth:`translate`; if it is not thread-safe and
    the normaliser is shared by threads, serialise it yourself.

    Examples
    --------
    >>> glossary = {"Star River Rocket Works": "星河火箭厂"}
    >>> t = FunctionTranslator(lambda texts: [glossary.get(s, "") for s in texts], source="en", target="zh")
    >>> t.translate(["Star River Rocket Works", "unknown"])
    ['星河火箭厂', '']
    >>> short = FunctionTranslator(lambda texts: texts[:1], source="en", target="zh")
    >>> short.translate(["a", "b"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aeronorm.errors.TranslatorOutputError: <lambda> returned 1 translation(s) for 2 input text(s); ...
    """

    def __init__(
        self,
        fn: Callable[[list[str]], Sequence[str]],
        *,
        source: str,
        target: str,
        cache_key: str | None = None,
    ) -> None:
        if not callable(fn):
            raise TypeError(f"FunctionTranslator needs a callable, not {type(fn).__name__}")
        self.fn = fn
        self.source = check_language("source", source)
        self.target = check_language("target", target)
        if cache_key is not None and (not isinstance(cache_key, str) or not cache_key.strip()):
            raise ValueError(f"cache_key must be None or a non-blank str naming the model, not {cache_key!r}")
        self.cache_key: str | None = cache_key
        self._name = getattr(fn, "__name__", None) or type(fn).__name__

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts`` with the wrapped function.

        Parameters
        ----------
        texts : sequence of str

        Returns
        -------
        list of str
            One translation per text, in order.

        Raises
        ------
        TranslatorOutputError
            If the function does not return a list (or tuple) of str as long as ``texts``.
        """
        items = as_text_list(texts)
        if not items:
            return []
        return check_output(self.fn(items), len(items), who=self._name)

    def __repr__(self) -> str:
        key = f", cache_key={self.cache_key!r}" if self.cache_key is not None else ""
        return f"FunctionTranslator({self._name}, source={self.source!r}, target={self.target!r}{key})"
