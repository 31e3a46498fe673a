"""Inter-annotator agreement (pure Python, no Qt): span F1, Cohen's and
Fleiss' kappa on BIO tokens, Krippendorff's alpha for stances and speakers;
``report.agreement_report`` gathers them from a project."""
from .alpha import AlphaResult, krippendorff_alpha, nominal_alpha
from .kappa import cohen_kappa, cohen_kappa_score, fleiss_kappa, fleiss_kappa_patterns
from .report import AgreementCancelled, agreement_report, choose_layers, default_layers, format_table
from .spans import SpanTally, exact_matches, f1, overlap_matches

__all__ = [
    "AgreementCancelled", "AlphaResult", "SpanTally", "agreement_report", "choose_layers",
    "cohen_kappa", "cohen_kappa_score", "default_layers", "exact_matches", "f1",
    "fleiss_kappa", "fleiss_kappa_patterns", "format_table", "krippendorff_alpha",
    "nominal_alpha", "overlap_matches",
]
