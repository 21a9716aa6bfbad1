# Runs one custom-code step of a Data Wrangler flow for Sluice's local job mode.
# stdin: {"language": "pandas" | "pyspark", "code": "...", "columns": [...], "rows": [[...], ...]}
# stdout: {"columns": [...], "rows": [[...], ...]} of the table the code leaves in `df`.
# A failure of the code exits 3 with its traceback on stderr.
import json
import sys
import traceback

import pandas as pd


def main():
    request = json.load(sys.stdin)
    frame = pd.DataFrame(request["rows"], columns=request["columns"])
    namespace = {"df": frame, "pd": pd}
    session = None
    if request["language"] == "pyspark":
        from pyspark.sql import SparkSession
        session = SparkSession.builder.master("local[1]").appName("sluice-flow").getOrCreate()
        namespace["spark"] = session
        namespace["df"] = session.createDataFrame(frame) if len(frame.columns) else session.createDataFrame([], "")
    try:
        exec(compile(request["code"], "<custom code>", "exec"), namespace)
    except Exception:
        traceback.print_exc()
        sys.exit(3)
    result = namespace.get("df")
    if session is not None and result is not None and not isinstance(result, pd.DataFrame):
        result = result.toPandas()
    if not isinstance(result, pd.DataFrame):
        print("the code must leave a DataFrame in `df`; it left " + type(result).__name__, file=sys.stderr)
        sys.exit(3)
    plain = result.astype(object).where(result.notna(), None)
    json.dump({"columns": [str(column) for column in result.columns], "rows": plain.values.tolist()}, sys.stdout,
              default=plain_value, allow_nan=False)


def plain_value(value):
    """A JSON value for what json cannot write itself: numpy scalars, timestamps, anything else as text."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


main()
