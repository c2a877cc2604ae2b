from django.apps import AppConfig


class PicturesConfig(AppConfig):
    """The pose pictures: the figure model, the drawings, and `draw_poses`."""

    name = "pictures"
    verbose_name = "Pose pictures"
