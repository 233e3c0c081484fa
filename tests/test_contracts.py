"Every registered process and backbone implements its contract and declares its capabilities."
import inspect
import torch
from dlm_nb.core import get_component, list_registered
from dlm_nb.contracts.process import Process
from dlm_nb.contracts.backbone import Backbone

def test_processes_implement_the_contract():
    for name in list_registered('process'):
        cls = get_component('process', name)
        assert inspect.isclass(cls) and issubclass(cls, Process), f"process {name!r} is not a contracts.Process"
        assert not inspect.isabstract(cls), f"process {name!r} leaves abstract methods: {cls.__abstractmethods__}"
        for attr in ('is_masked', 'is_continuous', 'exact_likelihood', 'block_size', 't_min'): assert hasattr(cls, attr)

def test_backbones_implement_the_contract():
    for name in list_registered('backbone'):
        cls = get_component('backbone', name)
        assert issubclass(cls, Backbone) and issubclass(cls, torch.nn.Module), f"backbone {name!r} is not a contracts.Backbone"
        params = list(inspect.signature(cls.forward).parameters)
        assert params[:2] == ['self', 'x'], f"backbone {name!r}: forward(self, x, ...) expected, got {params}"

def test_declared_capabilities_are_true():
    "What a model declares matches what it does: a causal model's past logits ignore the future, a bidirectional one's do not."
    build = lambda n, **kw: get_component('backbone', n)(vocab_size=20, dim=32, n_layers=1, n_heads=2, max_len=16, **kw)
    x = torch.randint(0, 20, (1, 8)); x2 = x.clone(); x2[0, -1] = (x2[0, -1] + 1) % 20
    for name in ('dit', 'ar_transformer'):
        m = build(name).eval()
        for p in m.parameters(): torch.nn.init.normal_(p, std=0.2)
        with torch.no_grad(): moved = (m(x) - m(x2))[0, :-1].abs().max() > 1e-6
        assert moved != m.is_causal, f"{name}: declares is_causal={m.is_causal} but the past {'moved' if moved else 'did not move'}"
        assert m.max_len == 16
