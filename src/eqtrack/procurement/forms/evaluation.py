"""The evaluation forms: a bid and its commitments, choosing an evaluator, the declaration of
interests, an evaluator's scores and an agreed score. They only read what was typed; the
services decide what is allowed (scales, reasons, who may act)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from eqtrack.core.date_input import DateInputField
from eqtrack.core.forms import GovukForm

from ..models import Bid, Criterion, SocialValueMeasure, Tender
from ..selectors.evaluation import CRITERION_WORDS

DATE_FORMATS = ["%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%Y-%m-%d"]
NUMBER = "Enter a number, like 52 or 12.5"
PRICE = "Enter the price in pounds, like 400000 or 399999.99"


class BidForm(GovukForm):
    lot = forms.ChoiceField(label="Lot")
    supplier = forms.CharField(label="Supplier's name", max_length=300)
    supplier_email = forms.EmailField(
        label="Supplier's e-mail address (optional)",
        required=False,
        help_text="Where the contract's return links go if it wins.",
    )
    price = forms.DecimalField(
        label="Price in pounds",
        max_digits=14,
        decimal_places=2,
    )
    social_value_answer = forms.CharField(
        label="The bid's social value answer (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the supplier wrote in answer to the social value question; the "
        "evaluators score it.",
    )

    def __init__(
        self, *args: Any, tender: Tender, measures: list[SocialValueMeasure], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # A DecimalField is an IntegerField to govuk_messages, which asks for a whole number.
        self.fields["price"].error_messages["invalid"] = PRICE
        lots = [(str(lot.pk), lot.name) for lot in tender.lots.all()]
        cast(forms.ChoiceField, self.fields["lot"]).choices = lots
        self.measures = measures
        for measure in measures:
            self.fields[f"quantity_{measure.pk}"] = forms.DecimalField(
                label=f"{measure.code} {measure.name}: quantity in {measure.unit}",
                required=False,
                max_digits=14,
                decimal_places=2,
                error_messages={"invalid": NUMBER},
            )
            self.fields[f"due_on_{measure.pk}"] = forms.DateField(
                label=f"{measure.code}: to be delivered by",
                required=False,
                input_formats=DATE_FORMATS,
                help_text="For example, 31 March 2028 or 31/03/2028",
            )
        if len(lots) == 1:
            self.fields["lot"].initial = lots[0][0]

    @staticmethod
    def initial_for(bid: Bid) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "lot": str(bid.lot_id),
            "supplier": bid.supplier,
            "supplier_email": bid.supplier_email,
            "price": bid.price,
            "social_value_answer": bid.social_value_answer,
        }
        for c in bid.commitments.all():
            initial[f"quantity_{c.measure_id}"] = c.quantity
            initial[f"due_on_{c.measure_id}"] = c.due_on.strftime("%d %B %Y")
        return initial

    def commitment_rows(self) -> list[tuple[SocialValueMeasure, Any, Any]]:
        return [(m, self[f"quantity_{m.pk}"], self[f"due_on_{m.pk}"]) for m in self.measures]


class EvaluatorAddForm(GovukForm):
    member = forms.ChoiceField(
        label="Who",
        help_text="Members who are evaluators, procurement officers or administrators.",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["member"]).choices = [("", "Choose someone"), *choices]


class DeclarationForm(GovukForm):
    has_conflict = forms.ChoiceField(
        label="Do you have a conflict of interest with any bidder?",
        choices=[("no", "No"), ("yes", "Yes")],
        widget=forms.RadioSelect,
        help_text="For example, you or someone close to you works for, owns or advises a "
        "bidder, or you have another interest in the outcome.",
    )
    details = forms.CharField(
        label="If yes, what it is",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ScoresForm(GovukForm):
    """A score and a rationale for every bid on each criterion; blank leaves one unscored."""

    def __init__(self, *args: Any, tender: Tender, bids: list[Bid], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bids = bids
        descriptors = {str(d.get("score")): d.get("descriptor", "") for d in tender.descriptors}
        for bid in bids:
            for criterion in (Criterion.QUALITY, Criterion.SOCIAL_VALUE):
                name = f"{bid.supplier}: {CRITERION_WORDS[criterion]}"
                if tender.scale == "0-5":
                    self.fields[f"score_{bid.pk}_{criterion}"] = forms.ChoiceField(
                        label=f"{name} score",
                        required=False,
                        choices=[("", "Not scored yet")]
                        + [
                            (
                                str(n),
                                f"{n}: {descriptors[str(n)]}"
                                if descriptors.get(str(n))
                                else str(n),
                            )
                            for n in range(6)
                        ],
                    )
                else:
                    self.fields[f"score_{bid.pk}_{criterion}"] = forms.CharField(
                        label=f"{name} score (0 to 100)", required=False, max_length=20
                    )
                self.fields[f"rationale_{bid.pk}_{criterion}"] = forms.CharField(
                    label=f"{name}: why this score",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def rows(self) -> list[tuple[Bid, list[tuple[str, Any, Any]]]]:
        return [
            (
                bid,
                [
                    (
                        str(Criterion(c).label),
                        self[f"score_{bid.pk}_{c}"],
                        self[f"rationale_{bid.pk}_{c}"],
                    )
                    for c in (Criterion.QUALITY, Criterion.SOCIAL_VALUE)
                ],
            )
            for bid in self.bids
        ]


class ModeratedScoreForm(GovukForm):
    score = forms.CharField(label="Agreed score", max_length=20)
    reason = forms.CharField(
        label="Reason (required if it differs from any evaluator's score)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ContractForm(GovukForm):
    """The contract for an awarded lot's winning bid: its commitments become its KPIs."""

    bid = forms.ChoiceField(label="Which winning bid", widget=forms.RadioSelect)
    starts_on = DateInputField(label="Contract start date", help_text="For example, 1 4 2027")
    ends_on = DateInputField(label="Contract end date", help_text="For example, 31 3 2030")
    manager = forms.ChoiceField(
        label="Contract manager (optional)",
        required=False,
        help_text="Who checks the supplier's returns: a contract manager, procurement officer "
        "or administrator.",
    )

    def __init__(
        self,
        *args: Any,
        bids: list[tuple[str, str]],
        managers: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["bid"]).choices = bids
        if len(bids) == 1:
            self.fields["bid"].initial = bids[0][0]
        cast(forms.ChoiceField, self.fields["manager"]).choices = [
            ("", "No one yet"),
            *managers,
        ]
