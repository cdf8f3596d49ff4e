"""German stop words: articles, pronouns, prepositions, conjunctions, auxiliaries, particles.

They are kept in the index unstemmed (so that a query made only of stop words, such as
"über uns", still finds something), and left out of queries that have other words.
The list is written in normal German spelling and folded like every other word.
"""

from __future__ import annotations

from .normalise import fold_word

__all__ = ["STOP_WORDS", "is_stop_word"]

_GERMAN = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
anderes anders auch auf aus außer außerdem bei beide beiden beim beispielsweise bereits
besonders bin bis bisher bist bzw ca da dabei dadurch dafür dagegen daher dahin damals damit
danach daneben dann daran darauf daraus darf darin darum darüber darunter das dass dasselbe
davon davor dazu dein deine deinem deinen deiner dem demnach demselben den denen denn dennoch
denselben der deren derselbe derselben des deshalb desselben dessen dich die dies diese
dieselbe dieselben diesem diesen dieser dieses dir doch dort du durch dürfen eben ebenfalls
ebenso eher ein eine einem einen einer eines einige einigem einigen einiger einiges einmal
entweder er es etc etwa etwas euch euer eure eurem euren eurer falls für gar gegen gegenüber
gewesen ggf hab habe haben hast hat hatte hätte hatten hätten her hier hin hinter ich ihm
ihn ihnen ihr ihre ihrem ihren ihrer ihres im immer in indem innen ins insbesondere ist ja je
jede jedem jeden jeder jedes jedoch jene jenem jenen jener jenes jetzt kann kannst kein keine
keinem keinen keiner keines können könnte könnten man manche manchem manchen mancher manches
mehr mein meine meinem meinen meiner meines mich mir mit muss musste müssen müsste nach
nachdem neben nicht nichts noch nun nur ob obwohl oder oft ohne per pro schon sehr sei seid
seien sein seine seinem seinen seiner seines seit selbst sich sie sind so sobald sodass
solche solchem solchen solcher solches soll sollen sollte sollten sondern sonst soweit sowie
sowohl statt trotz über um und uns unser unsere unserem unseren unserer unseres unter usw
viel viele vielen vom von vor während war wäre waren wären warst was weder wegen weil welche
welchem welchen welcher welches wem wen wenn wer werde werden wessen wie wieder will wir
wird wirst wo wobei wodurch wohl wollen wollte worden wurde würde wurden würden zu zudem zum
zur zwar zwischen
"""

STOP_WORDS: frozenset[str] = frozenset(
    folded for word in _GERMAN.split() for folded in fold_word(word)
)
"""The folded stop words ("über" is "ueber", "dass" and "daß" are both "dass")."""


def is_stop_word(word: str) -> bool:
    """Whether a folded word is a stop word."""
    return word in STOP_WORDS
