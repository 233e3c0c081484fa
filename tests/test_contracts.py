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
    # four sequences and moderate weights: with one sequence and std 0.2, softmax saturation made the DiT's past identical in ~3% of seeds
    g = torch.Generator().manual_seed(0)
    x = torch.randint(0, 20, (4, 8), generator=g); x2 = x.clone(); x2[:, -1] = (x2[:, -1] + 1) % 20
    for name in ('dit', 'ar_transformer'):
        m = build(name).eval()
        for p in m.parameters(): torch.nn.init.normal_(p, std=0.1, generator=g)
        with torch.no_grad(): moved = (m(x) - m(x2))[:, :-1].abs().max() > 1e-6
        assert moved != m.is_causal, f"{name}: declares is_causal={m.is_causal} but the past {'moved' if moved else 'did not move'}"
        assert m.max_len == 16
        assert m.supports_cache        # and a cached decode equals the full forward (block-causal for the DiT)
        from dlm_nb.nn import KVCache, block_causal_mask
        cache, mask = KVCache(), (None if m.is_causal else block_causal_mask(8, 4))
        with torch.no_grad():
            parts = torch.cat([m(x[:, i:i + 4], cache=cache) for i in (0, 4)], 1)
            torch.testing.assert_close(parts, m(x, attn_mask=mask), atol=1e-5, rtol=1e-5)
    for name in ('mlp_unet', 'hf'): assert not get_component('backbone', name).supports_cache

def _tiny(name):
    "A process of each registered kind and a tiny model that fits it."
    if name in ('gaussian', 'flow'):
        return get_component('process', name)(), get_component('backbone', 'mlp_unet')(latent_dim=4)
    if name == 'joint':
        return (get_component('process', 'joint')(vocab_size=24, mask_id=23),
                get_component('backbone', 'mmdit')(vocab_size=24, latent_dim=4, dim=16, n_layers=1, n_heads=2))
    if name in ('text_image', 'text_image_tokens'):
        mode = get_component('process', name).image_format
        return (get_component('process', name)(vocab_size=24, mask_id=23),
                get_component('backbone', 'image_mmdit')(vocab_size=24, image_mode=mode, image_size=4, dim=16, n_layers=1, n_heads=2))
    kw = dict(vocab_size=24, mask_id=23, **({'block_size': 4} if name == 'block' else {}))
    proc = get_component('process', name)(**kw)
    net = get_component('backbone', 'ar_transformer' if name == 'ar' else 'dit')(
        vocab_size=proc.model_vocab_size, dim=16, n_layers=1, n_heads=2, max_len=64)
    return proc, net

def test_declared_samplers_run_and_the_rest_are_refused():
    "Every sampler a process declares draws from it; every other registered sampler is refused, naming the ones that fit."
    torch.manual_seed(0)
    for pname in list_registered('process'):
        proc, net = _tiny(pname)
        assert proc.samplers, f"process {pname!r} declares no sampler"
        for sname in list_registered('sampler'):
            fn = get_component('sampler', sname)
            kw = dict(shape=(4,)) if proc.is_continuous else dict(length=8, **({'bos_id': 0} if sname == 'ar' else {}))
            if sname in proc.samplers:
                r = fn(net, proc, None, batch_size=2, steps=3, **kw)
                assert r.protocol['sampler'] == sname and r.protocol['process'] == proc.name
                out = r.latents if proc.is_continuous else r.tokens
                assert out.shape[0] == 2 and torch.isfinite(out.float()).all()
                assert r.protocol['knobs'] == {**fn.knobs(**{**fn.defaults, 'batch_size': 2, 'steps': 3, **kw}).to_dict()}
            else:
                try: fn(net, proc, None, batch_size=2, steps=3, **kw)
                except ValueError as e: assert 'does not fit process' in str(e) and proc.samplers[0] in str(e)
                else: raise AssertionError(f'{sname} ran on {pname}, which does not declare it')

def test_registered_classes_know_their_names():
    "A registered class's `name` is its registry name, so errors and protocols say 'masked', not 'process'."
    for kind in ('process', 'backbone', 'schedule', 'time_sampler', 'task'):
        for name in list_registered(kind):
            obj = get_component(kind, name)
            if inspect.isclass(obj): assert obj.name == name, f"{kind} {name!r} calls itself {obj.name!r}"


def test_every_sampler_takes_exactly_its_knobs():
    "A registered sampler's keywords are its knobs dataclass's fields and its data inputs, one to one; nothing else."
    from dlm_nb.core import signature_params
    for name in list_registered('sampler'):
        fn = get_component('sampler', name)
        assert list(signature_params(fn))[:4] == ['model', 'process', 'tokenizer', 'knobs'], name
        assert set(list(signature_params(fn))[4:]) == {*fn.inputs, *fn.knobs.names()}, name
        assert set(fn.defaults) <= set(fn.knobs.names()), name
        try: fn(None, None, not_a_knob=1)
        except KeyError as e: assert 'not_a_knob' in str(e) and 'knob' in str(e)
        else: raise AssertionError(f'{name} took an unknown knob')
