"""The floor for `corridors --help`: a Typer app with one command and nothing else."""

from __future__ import annotations

import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
