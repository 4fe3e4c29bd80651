"""Importing questions from other formats (upload, preview, confirm) and exporting a topic
(GIFT, Moodle XML, a bank file, an Anki deck). docs/interop.md."""

from __future__ import annotations

from pathlib import PurePath

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as HttpResponse
from wtforms import SelectChoice

from quiz.domain.interop import FORMATS, format_of, read
from quiz.domain.interop.anki import write_apkg
from quiz.domain.interop.bank_yaml import write_bank_yaml
from quiz.domain.interop.gift_write import write_gift
from quiz.domain.interop.moodle_xml_write import write_moodle_xml
from quiz.domain.interop.plan import Plan, make_plan
from quiz.domain.questions import TYPES
from quiz.store import editing, interop
from quiz.store.interop import AlreadyImported
from quiz.store.models import ContentImport
from quiz.web.authoring.common import bp
from quiz.web.context import current_catalog, now
from quiz.web.forms.choices import PostForm
from quiz.web.forms.interop import ImportForm
from quiz.web.inputs import body_limit
from quiz.web.security import instructor_required

Page = HttpResponse | str | tuple[str, int]


@bp.route("/import", methods=["GET", "POST"])
@body_limit("IMPORT_MAX_BYTES")
@instructor_required
def import_upload() -> Page:
    """Upload a file to import; the preview follows."""
    limit = int(current_app.config["IMPORT_MAX_BYTES"])
    too_large = (request.content_length or 0) > limit  # refused before the body is read
    form = ImportForm(formdata=None) if too_large else ImportForm()
    form.bank.choices = [
        SelectChoice(b.id, b.title) for b in editing.banks() if b.retired_at is None
    ]
    if request.method == "GET" and request.args.get("bank"):
        form.bank.data = request.args["bank"]
    if too_large:
        form.upload.errors = [
            f"The file is larger than {limit // 2**20} MB: split it, or import fewer questions at once."
        ]
        return render_template("authoring/import.html", form=form, limit=limit), 413
    if form.validate_on_submit():
        name = PurePath(form.upload.data.filename or "upload").name
        fmt = format_of(name, form.format.data)
        if fmt is None:
            form.format.errors = ["The file's name does not say its format: choose it."]
        else:
            data = form.upload.data.read(limit + 1)
            import_id = interop.save_upload(name, fmt, form.bank.data, data, current_user.id, now())
            return redirect(url_for(".import_preview", import_id=import_id))
    return render_template(
        "authoring/import.html", form=form, limit=limit
    ), 400 if form.errors else 200


def _plan(found: ContentImport) -> Plan:
    parsed = read(found.data, found.filename, found.format)
    return make_plan(parsed, found.filename, found.bank_id, current_catalog(), interop.existing())


@bp.route("/imports/<int:import_id>")
@instructor_required
def import_preview(import_id: int) -> str:
    """What the import will create: counts per type, topics, errors and warnings."""
    found = interop.upload(import_id) or abort(404)
    return render_template(
        "authoring/import_preview.html",
        upload=found,
        plan=_plan(found),
        format_name=FORMATS.get(found.format, found.format),
        bank=editing.bank(found.bank_id),
        types=TYPES,
        post=PostForm(),
    )


@bp.route("/imports/<int:import_id>/confirm", methods=["POST"])
@instructor_required
def import_confirm(import_id: int) -> HttpResponse:
    """Store the previewed questions as drafts, all of them or (with any error) none."""
    found = interop.upload(import_id) or abort(404)
    if not PostForm().validate_on_submit():
        abort(400)
    plan = _plan(found)
    if not plan.ok:
        flash("The file has errors: nothing was imported. Fix them and upload it again.", "error")
        return redirect(url_for(".import_preview", import_id=import_id))
    try:
        summary = interop.store_plan(import_id, plan, current_user.id, now())
    except AlreadyImported:
        flash("This file was imported already.", "info")
        return redirect(url_for(".import_preview", import_id=import_id))
    flash(
        f"Imported {summary['questions']} question(s) as drafts. Students do not see them until "
        "each has a source passage: open one, select its passage in the document, and publish.",
        "success",
    )
    return redirect(url_for(".bank", bank_id=found.bank_id))


@bp.route("/banks/<bank_id>/export.<any(gift, xml, yaml, apkg):fmt>")
@instructor_required
def export_bank(bank_id: str, fmt: str) -> Response:
    """A topic's served questions as GIFT, Moodle XML, a bank file or an Anki deck."""
    content = interop.bank_content(bank_id) or abort(404)
    if fmt == "apkg":
        bank = current_catalog().banks.get(bank_id)
        questions = bank.questions if bank else ()
        body, kind, name = (
            write_apkg(content.title, questions, current_catalog().library),
            "application/octet-stream",
            f"{bank_id}.apkg",
        )
    elif fmt == "gift":
        body, kind, name = (
            write_gift([content]).encode(),
            "text/plain; charset=utf-8",
            f"{bank_id}-gift.txt",
        )
    elif fmt == "xml":
        body, kind, name = write_moodle_xml([content]), "application/xml", f"{bank_id}-moodle.xml"
    else:
        body, kind, name = write_bank_yaml(content).encode(), "application/yaml", f"{bank_id}.yaml"
    return download(body, kind, name)


def download(body: bytes, kind: str, name: str) -> Response:
    response = Response(body, content_type=kind)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
