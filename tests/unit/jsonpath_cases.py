# ruff: noqa: E501
"""kubectl's JSONPath conformance table: GENERATED, do not edit by hand.

Every expected value here is kubectl v1.36.3's own output for the same template and input,
recorded by tests/unit/record_jsonpath_cases.py (read its docstring for how kubectl is run
offline). To change or add a case, edit CASES there and regenerate:

    .venv/bin/python -m tests.unit.record_jsonpath_cases

Fields: id, template, input (top-level fields of the object, see document()), options
(missing=False: --allow-missing-template-keys=false; as_json=True: -o jsonpath-as-json),
stdout / stderr / exit exactly as kubectl printed them.
"""

from typing import Any

CASES: list[dict[str, Any]] = [
    {
        "id": "text-only",
        "template": "hello",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "hello",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "text-backslash-n-verbatim",
        "template": "name: {.spec.nodeName}\\n",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "name: node-a\\n",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "field",
        "template": "{.spec.nodeName}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "node-a",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "field-no-dot",
        "template": "{spec.nodeName}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{spec.nodeName}": Error executing template: '
        "unrecognized identifier spec. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{spec.nodeName}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "field-dollar",
        "template": "{$.spec.nodeName}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "node-a",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "field-at",
        "template": "{@.spec.nodeName}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "node-a",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "spaces-ignored",
        "template": "{ .spec . nodeName }",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{ .spec . nodeName }": Error executing template: '
        "unrecognized identifier nodeName. Printing more information for debugging the "
        "template:\n"
        "\ttemplate was:\n"
        "\t\t{ .spec . nodeName }\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "root-whole-object",
        "template": "{$}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": '{"apiVersion":"kctl.test/v1","f":[1.5,2,0.1,1e+21,1e-7,1234567.5,123456.5,-0,12345678901234567000],"flags":[true,false],"kind":"Case","l":[{"n":"a","v":1},{"n":"b","v":5},{"n":"c","v":10}],"metadata":{"annotations":{},"name":"case"},"mixed":[1,"x",null,true,{"k":[1,2]}],"nothing":null,"s":"ab"}',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "empty-field",
        "template": "{.}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "map-compact-sorted-html",
        "template": "{.data.labels}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": '{"app":"web","app.kubernetes.io/name":"frontend","tier":"\\u003cb\\u003e\\u0026"}',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "list-compact",
        "template": "{.spec.containers[0].ports}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": '[{"containerPort":80}]',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "missing-allowed",
        "template": "[{.spec.nope}]",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "[]",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "missing-strict",
        "template": "{.spec.nope}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {"missing": False},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.spec.nope}": Error executing template: nope is '
        "not found. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.spec.nope}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "missing-strict-some-have",
        "template": "{.spec.containers[*].ports[0].containerPort}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {"missing": False},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.spec.containers[*].ports[0].containerPort}": '
        "Error executing template: array index out of bounds: index 0, length 0. Printing "
        "more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.spec.containers[*].ports[0].containerPort}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "missing-strict-under-null",
        "template": "{.nothing.x}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {"missing": False},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.nothing.x}": Error executing template: x is not '
        "found. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.nothing.x}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "escaped-dots",
        "template": "{.data.labels.app\\.kubernetes\\.io/name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "frontend",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "bracket-key",
        "template": "{.data.labels['app']}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "web",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "bracket-key-dotted-splits",
        "template": "{.data.labels['app.kubernetes.io/name']}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "bracket-key-escaped",
        "template": "{.data.labels['app\\.kubernetes\\.io/name']}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "frontend",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "bracket-double-quote",
        "template": '{.data.labels["app"]}',
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error parsing jsonpath {.data.labels["app"]}, invalid array index "app"\n',
        "exit": 1,
    },
    {
        "id": "wildcard-list",
        "template": "{.spec.containers[*].name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "web side",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "wildcard-dot-star-list",
        "template": "{.spec.containers.*.image}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "nginx:1.25 busybox",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "wildcard-string-bytes",
        "template": "{.s.*}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "97 98",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "index",
        "template": "{.spec.containers[1].name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "side",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "index-negative",
        "template": "{.spec.containers[-1].name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "side",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "index-negative-out",
        "template": "{.spec.containers[-3].name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.spec.containers[-3].name}": Error executing '
        "template: array index out of bounds: index -1, length 2. Printing more information "
        "for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.spec.containers[-3].name}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "index-out-of-range",
        "template": "{.spec.containers[2].name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.spec.containers[2].name}": Error executing '
        "template: array index out of bounds: index 2, length 2. Printing more information "
        "for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.spec.containers[2].name}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "index-empty-brackets",
        "template": "{.l[].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "slice",
        "template": "{.l[0:2].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a b",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "slice-open-end",
        "template": "{.l[1:].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "b c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "slice-open-start",
        "template": "{.l[:2].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a b",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "slice-step",
        "template": "{.l[::2].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "slice-no-clamp",
        "template": "{.l[0:5].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.l[0:5].n}": Error executing template: array index '
        "out of bounds: index 4, length 3. Printing more information for debugging the "
        "template:\n"
        "\ttemplate was:\n"
        "\t\t{.l[0:5].n}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "slice-empty",
        "template": "{.l[1:1].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "slice-reversed",
        "template": "{.l[2:1].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.l[2:1].n}": Error executing template: starting '
        "index 2 is greater than ending index 1. Printing more information for debugging the "
        "template:\n"
        "\ttemplate was:\n"
        "\t\t{.l[2:1].n}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "slice-negative",
        "template": "{.l[-2:].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "b c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "slice-step-zero",
        "template": "{.l[::0].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.l[::0].n}": Error executing template: step must '
        "be > 0. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.l[::0].n}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "index-on-string",
        "template": "{.s[0]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.s[0]}": Error executing template: string is not '
        "array or slice. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.s[0]}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "index-not-number",
        "template": "{.l[a]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.l[a]}, invalid array index a\n",
        "exit": 1,
    },
    {
        "id": "index-dash",
        "template": "{.l[-]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.l[-]}, array index - is not a number\n",
        "exit": 1,
    },
    {
        "id": "union-indices",
        "template": "{.l[0,2].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "union-keys",
        "template": "{.data.labels['app','tier']}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "web <b>&",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "union-star",
        "template": "{.l[0,*].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a a b c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-eq-string",
        "template": '{.status.conditions[?(@.type=="Ready")].status}',
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "True",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-single-quotes",
        "template": "{.status.conditions[?(@.type=='Ready')].status}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "True",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-ne",
        "template": '{.status.conditions[?(@.type!="Ready")].type}',
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "Initialized",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-gt-int",
        "template": "{.l[?(@.v>1)].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "b c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-ge-int",
        "template": "{.l[?(@.v>=5)].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "b c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-lt-int",
        "template": "{.l[?(@.v<10)].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a b",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-le-int",
        "template": "{.l[?(@.v<=5)].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a b",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-string-lt",
        "template": '{.l[?(@.n<"b")].v}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "1",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-int-vs-float",
        "template": "{.l[?(@.v>1.5)].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.l[?(@.v>1.5)].n}": Error executing template: '
        "incompatible types for comparison. Printing more information for debugging the "
        "template:\n"
        "\ttemplate was:\n"
        "\t\t{.l[?(@.v>1.5)].n}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "filter-path-vs-path",
        "template": "{.l[?(@.v==@.v)].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a b c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-exists",
        "template": "{.spec.containers[?(@.ports[0])].name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "web side",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-exists-field",
        "template": "{.l[?(@.n)].v}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "1 5 10",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-single-equals",
        "template": '{.l[?(@.n="a")].v}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.l[?(@.n=\\"a\\")].v}": Error executing template: '
        "unrecognized filter operator =. Printing more information for debugging the "
        "template:\n"
        "\ttemplate was:\n"
        '\t\t{.l[?(@.n="a")].v}\n'
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "filter-regex-not-kubectl",
        "template": '{.l[?(@.n=~"a")].v}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error parsing jsonpath {.l[?(@.n=~"a")].v}, unrecognized character in action: '
        "U+007E '~'\n",
        "exit": 1,
    },
    {
        "id": "filter-and-not-kubectl",
        "template": "{.l[?(@.v>1 && @.v<10)].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.l[?(@.v>1 && @.v<10)].n}, unrecognized character in "
        "action: U+0026 '&'\n",
        "exit": 1,
    },
    {
        "id": "filter-on-map",
        "template": "{.data[?(@.x)]}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.data[?(@.x)]}": Error executing template: '
        "map[labels:map[app:web app.kubernetes.io/name:frontend tier:<b>&]] is not array or "
        "slice and cannot be filtered. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.data[?(@.x)]}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "filter-multi-valued",
        "template": "{.spec.containers[?(@.ports[*].containerPort==80)].name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "web",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-bool-true",
        "template": "{.flags[?(@==true)]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "true",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-bool-lt",
        "template": "{.flags[?(@<true)]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.flags[?(@<true)]}": Error executing template: '
        "invalid type for comparison. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.flags[?(@<true)]}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "filter-then-field",
        "template": '{.l[?(@.n=="c")].v}{"|"}{.l[?(@.v==99)].n}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "10|",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "recursive-name",
        "template": "{..image}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "nginx:1.25 busybox",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "recursive-three-dots",
        "template": "{...phase}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "Running",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "recursive-double",
        "template": "{....phase}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {....phase}, invalid multiple recursive descent\n",
        "exit": 1,
    },
    {
        "id": "recursive-index",
        "template": "{..ports[0].containerPort}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{..ports[0].containerPort}": Error executing '
        "template: array index out of bounds: index 0, length 0. Printing more information "
        "for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{..ports[0].containerPort}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "range",
        "template": "{range .spec.containers[*]}{.name}{','}{end}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "web,side,",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "range-newlines",
        "template": '{range .l[*]}{.n}{"\\t"}{.v}{"\\n"}{end}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a\t1\nb\t5\nc\t10\n",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "range-nested",
        "template": "{range .spec.containers[*]}{.name}:{range .ports[*]}{.containerPort};{end}|{end}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "web:80;|side:|",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "range-empty",
        "template": "[{range .spec.containers[1].ports[*]}{.x}{end}]",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "[]",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "range-empty-strict",
        "template": "[{range .spec.containers[1].ports[*]}{.x}{end}]",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {"missing": False},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "[{range .spec.containers[1].ports[*]}{.x}{end}]": '
        "Error executing template: x is not found. Printing more information for debugging "
        "the template:\n"
        "\ttemplate was:\n"
        "\t\t[{range .spec.containers[1].ports[*]}{.x}{end}]\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "data":map[string]interface '
        '{}{"labels":map[string]interface {}{"app":"web", '
        '"app.kubernetes.io/name":"frontend", "tier":"<b>&"}}, "kind":"Case", '
        '"metadata":map[string]interface {}{"annotations":map[string]interface {}{}, '
        '"name":"case"}, "spec":map[string]interface {}{"containers":[]interface '
        '{}{map[string]interface {}{"image":"nginx:1.25", "name":"web", "ports":[]interface '
        '{}{map[string]interface {}{"containerPort":80}}}, map[string]interface '
        '{}{"image":"busybox", "name":"side", "ports":[]interface {}{}}}, '
        '"nodeName":"node-a"}, "status":map[string]interface {}{"conditions":[]interface '
        '{}{map[string]interface {}{"status":"True", "type":"Ready"}, map[string]interface '
        '{}{"status":"False", "type":"Initialized"}}, "phase":"Running"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "range-null-item",
        "template": "{range .mixed[*]}[{@}]{end}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": '[1][x][<no value>][true][{"k":[1,2]}]',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "range-no-end",
        "template": "{range .l[*]}<{.n}>",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "<a><b><c><>",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "range-then-text",
        "template": "{range .l[*]}{.n}{end}!{.s}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "abc!ab",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "end-outside-range",
        "template": "{end}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{end}": Error executing template: not in range, '
        "nothing to end. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{end}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "unknown-identifier",
        "template": "{foo}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{foo}": Error executing template: unrecognized '
        "identifier foo. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{foo}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "join-one-action",
        "template": "{.l[*].n}{.l[*].v}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a b c1 5 10",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "floats",
        "template": "{.f}|{.f[*]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "[1.5,2,0.1,1e+21,1e-7,1234567.5,123456.5,-0,12345678901234567000]|1.5 2 0.1 1e+21 "
        "1e-07 1.2345675e+06 123456.5 -0 1.2345678901234567e+19",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "bools-and-null",
        "template": "{.flags}|{.flags[*]}|{.nothing}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "[true,false]|true false|null",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "mixed-list-items",
        "template": "{.mixed[*]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": '1 x null true {"k":[1,2]}',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "quoted-literals",
        "template": '{"a\\tb"}{\'c\'}{"\\u00e9"}{"{"}{"}"}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a\tbcé{}",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "literal-numbers",
        "template": "{1}{-2}{3.5}{true}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "1-23.5true",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "literal-after-path-repeats",
        "template": "{.l[*] 7}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "7 7 7",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "big-number-literal",
        "template": "{99999999999999999999}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "1e+20",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "text-with-closing-brace",
        "template": "a}b{.s}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a}bab",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "parse-unclosed-action",
        "template": "{.s",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.s, unclosed action\n",
        "exit": 1,
    },
    {
        "id": "parse-unclosed-array",
        "template": "{.l[0}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.l[0}, unterminated array\n",
        "exit": 1,
    },
    {
        "id": "parse-unterminated-quote",
        "template": '{"abc}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error parsing jsonpath {"abc}, unterminated quoted string\n',
        "exit": 1,
    },
    {
        "id": "parse-bad-escape",
        "template": '{"\\q"}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error parsing jsonpath {"\\q"}, unquote string "\\q" error invalid syntax\n',
        "exit": 1,
    },
    {
        "id": "parse-unterminated-filter",
        "template": "{.l[?(@.n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.l[?(@.n}, unterminated filter\n",
        "exit": 1,
    },
    {
        "id": "parse-filter-no-bracket",
        "template": "{.l[?(@.n)x}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.l[?(@.n)x}, unclosed array expect ]\n",
        "exit": 1,
    },
    {
        "id": "parse-bad-char",
        "template": "{.l|x}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "parse-tab-in-action",
        "template": "{.l\t}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.l\t}, unrecognized character in action: U+0009\n",
        "exit": 1,
    },
    {
        "id": "parse-nested-brace",
        "template": "{{.s}}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {{.s}}, unrecognized character in action: U+007B '{'\n",
        "exit": 1,
    },
    {
        "id": "parse-bad-number",
        "template": "{1.2.3}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {1.2.3}, cannot parse number 1.2.3\n",
        "exit": 1,
    },
    {
        "id": "parse-minus-only",
        "template": "{-}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {-}, cannot parse number -\n",
        "exit": 1,
    },
    {
        "id": "newline-in-action",
        "template": "{.s\n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.s\n}, unclosed action\n",
        "exit": 1,
    },
    {
        "id": "exists-with-index-error-counts",
        "template": "{.spec.containers[?(@.ports[3])].name}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {},
        "stdout": "web side",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "exists-strict-missing-skips",
        "template": "{.l[?(@.x)].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {"missing": False},
        "stdout": "",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "compare-strict-missing",
        "template": '{.l[?(@.x=="a")].n}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {"missing": False},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.l[?(@.x==\\"a\\")].n}": Error executing template: '
        "x is not found. Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        '\t\t{.l[?(@.x=="a")].n}\n'
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "compare-int-vs-string",
        "template": '{.l[?(@.v=="1")].n}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.l[?(@.v==\\"1\\")].n}": Error executing template: '
        "incompatible types for comparison. Printing more information for debugging the "
        "template:\n"
        "\ttemplate was:\n"
        '\t\t{.l[?(@.v=="1")].n}\n'
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "filter-returns-maps",
        "template": "{.l[?(@.v>1)]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": '{"n":"b","v":5} {"n":"c","v":10}',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "filter-on-null",
        "template": "{.nothing[?(@.x)]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.nothing[?(@.x)]}": Error executing template: '
        "<nil> is not array or slice and cannot be filtered. Printing more information for "
        "debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{.nothing[?(@.x)]}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "index-on-null",
        "template": "[{.nothing[0]}]",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "[]",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "index-big-negative",
        "template": "{.l[-99]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{.l[-99]}": Error executing template: array index '
        "out of bounds: index -96, length 3. Printing more information for debugging the "
        "template:\n"
        "\ttemplate was:\n"
        "\t\t{.l[-99]}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "index-overflow",
        "template": "{.l[99999999999999999999]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": "error: error parsing jsonpath {.l[99999999999999999999]}, array index "
        "99999999999999999999 is not a number\n",
        "exit": 1,
    },
    {
        "id": "slice-with-step",
        "template": "{.l[0:3:2].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "union-with-spaces",
        "template": "{.l[ 0 , 2 ].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "union-keys-one-missing",
        "template": "{.l[0]['n','zz','v']}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a 1",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "union-of-filters",
        "template": '{.l[?(@.v==1),?(@.n=="c")].n}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error parsing jsonpath {.l[?(@.v==1),?(@.n=="c")].n}, unclosed array expect '
        "]\n",
        "exit": 1,
    },
    {
        "id": "bracket-keys-after-wildcard",
        "template": "{.l[*]['n']}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a b c",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "recursive-bare",
        "template": "{.a..}",
        "input": {"a": {"b": {"c": "xy"}}},
        "options": {},
        "stdout": '{"b":{"c":"xy"}} {"c":"xy"} xy',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "recursive-then-wildcard-error",
        "template": "{..[*]}",
        "input": {"a": {"b": [1]}},
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{..[*]}": Error executing template: '
        "map[string]interface {} is not array or slice. Printing more information for "
        "debugging the template:\n"
        "\ttemplate was:\n"
        "\t\t{..[*]}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"a":map[string]interface {}{"b":[]interface {}{1}}, '
        '"apiVersion":"kctl.test/v1", "kind":"Case", "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "range-without-expression",
        "template": "{range}[{.s}]{end}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "[ab]",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "range-over-map",
        "template": "{range .data.labels}{@};{end}",
        "input": {"data": {"labels": {"only": "v"}}},
        "options": {},
        "stdout": '{"only":"v"};',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "range-over-string",
        "template": "{range .s}{@},{end}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "ab,",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "end-twice",
        "template": "{range .l[*]}{.n}{end}{end}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error executing jsonpath "{range .l[*]}{.n}{end}{end}": Error executing '
        "template: not in range, nothing to end. Printing more information for debugging the "
        "template:\n"
        "\ttemplate was:\n"
        "\t\t{range .l[*]}{.n}{end}{end}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"kctl.test/v1", "f":[]interface {}{1.5, 2, '
        "0.1, 1e+21, 1e-07, 1.2345675e+06, 123456.5, -0, 1.2345678901234567e+19}, "
        '"flags":[]interface {}{true, false}, "kind":"Case", "l":[]interface '
        '{}{map[string]interface {}{"n":"a", "v":1}, map[string]interface {}{"n":"b", "v":5}, '
        'map[string]interface {}{"n":"c", "v":10}}, "metadata":map[string]interface '
        '{}{"annotations":map[string]interface {}{}, "name":"case"}, "mixed":[]interface '
        '{}{1, "x", interface {}(nil), true, map[string]interface {}{"k":[]interface {}{1, '
        '2}}}, "nothing":interface {}(nil), "s":"ab"}\n'
        "\n"
        "\n",
        "exit": 1,
    },
    {
        "id": "field-with-dash-slash-colon",
        "template": "{.m.a-b/c:d}",
        "input": {"m": {"a-b/c:d": "ok"}},
        "options": {},
        "stdout": "ok",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "field-escaped-brace",
        "template": "{.m.a\\}b}",
        "input": {"m": {"a}b": "ok"}},
        "options": {},
        "stdout": "ok",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "field-unicode",
        "template": "{.m.größe}",
        "input": {"m": {"größe": "L"}},
        "options": {},
        "stdout": "L",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "quote-escaped-quote",
        "template": "{\"a\\\"b\"}{'it\\'s'}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "a\"bit's",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "quote-backslash-quirk",
        "template": '{"\\\\"}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "",
        "stderr": 'error: error parsing jsonpath {"\\\\"}, unterminated quoted string\n',
        "exit": 1,
    },
    {
        "id": "quote-octal-hex-unicode",
        "template": '{"\\101\\x42\\u0043\\U0001F600"}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "ABC😀",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "quote-single-inside-double",
        "template": '{"it\'s"}',
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "it's",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "text-unicode-and-html",
        "template": "<é>&{.s}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "<é>&ab",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "escapes-in-json-strings",
        "template": "{.m}",
        "input": {"m": {"s": 'a\tb\nc\x01\u2028"q\\'}},
        "options": {},
        "stdout": '{"s":"a\\tb\\nc\\u0001\\u2028\\"q\\\\"}',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "escapes-in-text-output",
        "template": "{.m.s}",
        "input": {"m": {"s": "tab\there"}},
        "options": {},
        "stdout": "tab\there",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "string-bytes-utf8",
        "template": "{.m.*}",
        "input": {"m": "é"},
        "options": {},
        "stdout": "195 169",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "deep-numbers",
        "template": "{.m}",
        "input": {"m": {"i": -7, "big": 9223372036854775807, "neg": -1.5e-10}},
        "options": {},
        "stdout": '{"big":9223372036854775807,"i":-7,"neg":-1.5e-10}',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "bool-literal-compare",
        "template": "{.flags[?(@==false)]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "false",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "float-literal-compare",
        "template": "{.f[?(@>1.0)]}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {},
        "stdout": "1.5 2 1e+21 1.2345675e+06 123456.5 1.2345678901234567e+19",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "as-json-simple",
        "template": "{.l[*].n}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {"as_json": True},
        "stdout": '[\n    "a",\n    "b",\n    "c"\n]\n',
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "as-json-text-and-map",
        "template": "x{.data.labels}",
        "input": {
            "spec": {
                "nodeName": "node-a",
                "containers": [
                    {"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                    {"name": "side", "image": "busybox", "ports": []},
                ],
            },
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Initialized", "status": "False"},
                ],
            },
            "data": {
                "labels": {"app": "web", "app.kubernetes.io/name": "frontend", "tier": "<b>&"}
            },
        },
        "options": {"as_json": True},
        "stdout": "[\n"
        '    "x"\n'
        "]\n"
        "[\n"
        "    {\n"
        '        "app": "web",\n'
        '        "app.kubernetes.io/name": "frontend",\n'
        '        "tier": "\\u003cb\\u003e\\u0026"\n'
        "    }\n"
        "]\n",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "as-json-range",
        "template": "{range .l[*]}{.v}{end}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {"as_json": True},
        "stdout": "[\n    1\n]\n[\n    5\n]\n[\n    10\n]\n",
        "stderr": "",
        "exit": 0,
    },
    {
        "id": "as-json-missing",
        "template": "{.nope}",
        "input": {
            "l": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 10}],
            "f": [1.5, 2.0, 0.1, 1e21, 1e-07, 1234567.5, 123456.5, -0.0, 12345678901234567890],
            "flags": [True, False],
            "nothing": None,
            "s": "ab",
            "mixed": [1, "x", None, True, {"k": [1, 2]}],
        },
        "options": {"as_json": True},
        "stdout": "[]\n",
        "stderr": "",
        "exit": 0,
    },
]
