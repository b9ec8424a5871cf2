"""Label Studio JSON tasks, read and written, and the labeling config made from our label
scheme.

- `tasks_file`: the file (an array of tasks, one task, or JSONL of tasks) and its sniffer;
- `array_stream`: an array's tasks one at a time, with their lines;
- `region_offsets`: which offset convention a region's `start`/`end` are in;
- `task_reader`: one task to our parsed layers; `reader`: the format table's reader;
- `task_writer`: one document's layers to a task; `writer`: the format table's writer;
- `labeling_config`: the `<View>` XML made from the project's labels.
"""
