"""Static files in production: hashed, compressed (WhiteNoise), and with the hashed names
written into our JavaScript modules' imports too, so a module imported by another
(player.js imports offline.js, which imports queue.js) is the same file a run saved for
offline keeps, cached for a year like the rest. An unhashed import would fetch another,
briefly cached file, missing when the saved run is played later."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

OUR_SCRIPTS = "js/"  # static/js/: third-party scripts (django_htmx/...) are left as shipped


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)
        if not name.endswith(".js") or name.startswith(OUR_SCRIPTS):
            return convert
        return lambda matchobj: matchobj["matched"]
