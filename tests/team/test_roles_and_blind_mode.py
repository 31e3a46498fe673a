"""Roles and blind mode are enforced by the store, not by widgets."""
from __future__ import annotations

import pytest
from team_helpers import TEXT, project_with_layers, span

from tintag.core import annotate
from tintag.core.export.native import records
from tintag.core.store import GOLD, PermissionDenied, ProjectStore


@pytest.fixture
def team(tmp_path):
    lead, (doc,) = project_with_layers(tmp_path / "p.tintag")
    lead.add_annotator("lan")
    lead.add_annotator("minh")
    lead.add_annotator("thu", role="reviewer")
    s, e = span(TEXT, "Nguyễn Văn An")
    lead.add_item("entity", doc, "lan", start=s, end=e, label="PER")
    lead.add_item("entity", doc, "minh", start=s, end=e, label="ORG")
    lead.set_blind(True)
    path = lead.path
    lead.close()
    opened = []

    def as_(name):
        store = ProjectStore.open(path, actor=name)
        opened.append(store)
        return store

    yield as_, doc
    for store in opened:
        store.close()


def test_blind_annotator_reads_only_own_layer_and_suggestions(team):
    as_, doc = team
    lan = as_("lan")
    assert lan.role == "annotator" and lan.blind
    assert [e["label"] for e in lan.entities(doc, "lan")] == ["PER"]
    assert lan.layers() == ["lan"]
    for call in (lambda: lan.entities(doc, "minh"), lambda: lan.quotes(doc, GOLD),
                 lambda: lan.assignment(doc, "minh"), lambda: lan.list_documents(0, 10, layer="minh"),
                 lambda: lan.suggestions(doc, layer="minh")):
        with pytest.raises(PermissionDenied, match="blind mode"):
            call()
    # range reads (exports) silently leave other layers out
    assert {r["layer"] for r in lan.items_in_range("entity", 0, 10**9)} == {"lan"}
    assert {r["layer"] for r in records(lan)} <= {"lan"}
    # and an item of another layer cannot be fetched by uid either
    minh_uid = as_("minh").entities(doc, "minh")[0]["uid"]
    with pytest.raises(PermissionDenied):
        lan.item("entity", minh_uid)
    assert set(lan.stats()["layers"]) == {"lan"}
    assert all(e["actor"] == "lan" for e in lan.events())


def test_annotator_writes_only_own_layer_never_gold(team):
    as_, doc = team
    lan = as_("lan")
    s, e = span(TEXT, "Hà Nội")
    annotate.apply(annotate.tag_span(lan, doc, "lan", s, e, "LOC"))
    with pytest.raises(PermissionDenied, match="only reviewers write the gold layer"):
        lan.add_item("entity", doc, GOLD, start=s, end=e, label="LOC")
    with pytest.raises(PermissionDenied):
        lan.set_status(doc, GOLD, "done")
    with pytest.raises(PermissionDenied, match="cannot change .blind_mode."):
        lan.set_blind(False)
    with pytest.raises(PermissionDenied, match="change roles"):
        lan.set_role("lan", "reviewer")
    # with blind mode off, an annotator may look at a colleague's layer, still not change it
    as_("thu").set_blind(False)
    minh_entity = lan.entities(doc, "minh")[0]
    with pytest.raises(PermissionDenied, match="own layer"):
        lan.update_item("entity", minh_entity["uid"], label="PER")
    with pytest.raises(PermissionDenied):
        lan.delete_item("entity", minh_entity["uid"])


def test_reviewer_reads_everything_and_writes_gold(team):
    as_, doc = team
    thu = as_("thu")
    assert thu.role == "reviewer"
    assert {"lan", "minh", GOLD} <= set(thu.layers())
    s, e = span(TEXT, "Nguyễn Văn An")
    thu.add_item("entity", doc, GOLD, start=s, end=e, label="PER")
    assert [x["label"] for x in thu.entities(doc, GOLD)] == ["PER"]
    thu.set_role("lan", "reviewer")
    assert as_("lan").role == "reviewer"


def test_every_change_is_attributed(team):
    as_, doc = team
    lan = as_("lan")
    s, e = span(TEXT, "Huế")
    annotate.apply(annotate.tag_span(lan, doc, "lan", s, e, "LOC"))
    lan.set_status(doc, "lan", "done")
    thu = as_("thu")
    actions = [(ev["actor"], ev["action"], ev["kind"]) for ev in thu.events(doc)]
    assert ("lan", "add", "entity") in actions and ("lan", "set", "status") in actions
    assert ("lead", "set", "setting") not in actions  # blind_mode has no document
    assert any(ev["actor"] == "lead" and ev["kind"] == "setting" for ev in thu.events())


def test_without_any_reviewer_a_lone_annotator_manages_the_project(tmp_path):
    store, _ = project_with_layers(tmp_path / "solo.tintag")
    store.add_annotator("an")
    store.close()
    with ProjectStore.open(tmp_path / "solo.tintag", actor="an") as an:
        an.save_label("entity", "EVENT", "#123456", "5")  # no reviewer yet: allowed
        an.set_role("an", "reviewer")  # the first reviewer claims the role
        assert an.role == "reviewer"


@pytest.mark.parametrize("name", ["gold", "suggestions", " Gold ", "SUGGESTIONS", "  "])
def test_layer_names_cannot_be_profiles(team, name):
    """A profile "gold" would be the project lead (it reads and writes everything);
    one called "suggestions" would be read by every blind annotator."""
    as_, doc = team
    lead = as_("lead")
    with pytest.raises(ValueError, match="name of a layer|needs a name"):
        lead.add_annotator(name)
    assert [a["name"] for a in lead.annotators()] == ["lan", "minh", "thu"]


def test_blind_label_counts_and_time_are_own_layer_only_and_logged(team):
    as_, doc = team
    lan = as_("lan")
    assert lan.label_usage("entity", "PER") == 1 and lan.label_usage("entity", "ORG") == 0  # minh's ORG unseen
    assert as_("thu").label_usage("entity", "ORG") == 1
    lan.add_time(doc, "lan", 30.0)
    (event,) = [e for e in lan.events(doc) if e["kind"] == "time_spent"]
    assert (event["actor"], event["item"], event["before"], event["after"]) == ("lan", "lan", 0.0, 30.0)


def test_profile_names_may_not_differ_only_in_case(team):
    as_, doc = team
    lead = as_("lead")
    assert lead.profile_like(" LAN ") == "lan" and lead.profile_like("lam") is None
    with pytest.raises(ValueError, match="a profile 'lan' exists already"):
        lead.add_annotator("Lan")
    assert lead.add_annotator("lan")["name"] == "lan"  # the same name is simply there
